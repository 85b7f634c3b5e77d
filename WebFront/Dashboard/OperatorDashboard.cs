using Orleans.Dashboard;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Dashboard;

/// <summary>
/// The Orleans dashboard (cluster, silos, grains and their state) at <c>/dashboard</c>, for operators
/// only: it is served when <c>Dashboard:Keys</c> (or, when that is unset, <c>Api:Keys</c>) is set, and
/// every page and every call of its own API needs one of those keys, as <c>Authorization: Bearer</c>
/// or as the password of HTTP Basic (any user name), which a browser asks for. Without keys it is not
/// served at all.
/// </summary>
public static partial class OperatorDashboard
{
    public const string Path = "/dashboard";

    public static WebApplicationBuilder AddOperatorDashboard(this WebApplicationBuilder builder)
    {
        // A WebFront that hosts its own silo (Orleans:CoHostSilo) is not also an Orleans client;
        // CoHostedSilo has added the dashboard to that silo when operator keys (Dashboard:Keys, else Api:Keys) are set.
        if (!Cluster.CoHostedSilo.IsEnabled(builder.Configuration))
        {
            builder.UseOrleansClient(client => client.AddDashboard());
        }

        return builder;
    }

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<OperatorKeySet>().Keys.IsEnabled)
        {
            LogDashboardOff(app.Logger, Path);
            return app;
        }

        // Not part of the service's API: kept out of the OpenAPI document and the reference page.
        app.MapOrleansDashboard(Path)
            .RequireAuthorization(ApiAccessPolicies.Operator)
            .ExcludeFromDescription();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Orleans dashboard at {Path} is off: it is served only to operators with one of Dashboard:Keys (else Api:Keys), and none is set")]
    private static partial void LogDashboardOff(ILogger logger, string path);
}
