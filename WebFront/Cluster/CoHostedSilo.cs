using OrleansRemarks.Silo.Configuration;
using OrleansRemarks.Silo.Hosting;
using OrleansRemarks.Silo.Schema;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Cluster;

/// <summary>
/// Orleans:CoHostSilo=true makes the WebFront a silo of the cluster itself, configured from the same
/// settings as OrleansRemarks.Silo (Orleans:Endpoints:*). Grain calls for the owners this process
/// hosts then stay in the process: no gateway hop, no message serialization.
/// </summary>
public static class CoHostedSilo
{
    public const string SettingName = "Orleans:CoHostSilo";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(SettingName);

    /// <summary>Applies the schema, like the Silo does on start, then adds the silo to the host.</summary>
    /// <exception cref="SiloConfigurationException">A silo setting is missing or invalid.</exception>
    public static async Task AddCoHostedSiloAsync(this WebApplicationBuilder builder)
    {
        var settings = SiloSettings.Load(builder.Configuration);
        await new SchemaMigrator(settings.ConnectionString).ApplyPendingAsync();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = SiloHost.ShutdownTimeout);
        // The dashboard's silo half only where this WebFront serves its pages (Dashboard:Keys or Api:Keys set).
        var servesDashboard = DashboardAccessOptions.OperatorKeys(
            builder.Configuration.GetSection(DashboardAccessOptions.SectionName).Get<DashboardAccessOptions>() ?? new(),
            builder.Configuration.GetSection(ApiAccessOptions.SectionName).Get<ApiAccessOptions>() ?? new()).Count > 0;
        builder.UseOrleans(silo => SiloHost.ConfigureSilo(silo, builder.Configuration, settings, servesDashboard));
    }
}
