using Microsoft.Extensions.Options;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.Silo.Hosting;
using OrleansRemarks.Silo.Schema;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Cluster;

/// <summary>
/// Orleans:CoHostSilo=true makes the WebFront a silo of the cluster itself, configured from the same
/// settings as OrleansRemarks.Silo (Orleans:Endpoints:*, Orleans:WriteBatching:*, Remarks:*, OpenIM:*, …).
/// Grain calls for the owners this process hosts then stay in the process: no gateway hop, no message
/// serialization. The only reason the WebFront references the Silo project.
/// </summary>
public static class CoHostedSilo
{
    public const string SettingName = "Orleans:CoHostSilo";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(SettingName);

    /// <summary>Adds the silo to the host; its settings are validated with the web front's (<see cref="SettingsValidation"/>).</summary>
    public static WebApplicationBuilder AddCoHostedSilo(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = SiloHost.ShutdownTimeout);
        // The dashboard's silo half only where this WebFront serves its pages (Dashboard:Keys or Api:Keys set).
        var servesDashboard = DashboardAccessOptions.OperatorKeys(
            builder.Configuration.GetSection(DashboardAccessOptions.SectionName).Get<DashboardAccessOptions>() ?? new(),
            builder.Configuration.GetSection(ApiAccessOptions.SectionName).Get<ApiAccessOptions>() ?? new()).Count > 0;
        builder.UseOrleans(silo => SiloHost.ConfigureSilo(silo, builder.Configuration, servesDashboard));
        return builder;
    }

    /// <summary>
    /// Applies the schema, as the Silo does on start. Call it after <see cref="SettingsValidation.ValidateSettings"/>
    /// (so a configuration mistake never reaches the database) and before the host starts the silo.
    /// </summary>
    public static async Task ApplySchemaAsync(IServiceProvider services)
    {
        var connectionString = services.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString;
        await new SchemaMigrator(connectionString).ApplyPendingAsync();
    }
}
