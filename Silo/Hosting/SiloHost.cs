using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.Grains.Sync;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.Silo.Configuration;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>Turns a host builder into an OrleansRemarks silo: PostgreSQL clustering and grain storage.</summary>
public static class SiloHost
{
    /// <summary>How long a stopping silo may take (SIGTERM): enough to hand off grains and mark itself Dead.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The Silo process: its single-line console log, its shutdown time and the silo.</summary>
    public static void Configure(IHostApplicationBuilder builder)
    {
        builder.Logging.UseSingleLineConsole(builder.Configuration);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.UseOrleans(silo => ConfigureSilo(silo, builder.Configuration));
    }

    /// <summary>
    /// The silo itself: cluster identity, endpoints, PostgreSQL clustering and grain storage. Shared by
    /// this process and a WebFront that hosts its own silo (Orleans:CoHostSilo), which passes
    /// <paramref name="withDashboard"/> false when it will not serve the dashboard: its per-call
    /// profiler would then cost every grain call for pages nobody can open. Every setting is bound
    /// and validated through options (<see cref="SettingsValidation"/>), so an invalid one is reported
    /// with all others before the silo starts; the cluster settings come from <c>AddServiceDefaults</c>.
    /// </summary>
    public static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration, bool withDashboard = true)
    {
        silo.Services
            .AddValidatedOptions<SiloEndpointOptions, SiloEndpointOptionsValidator>(configuration, SiloEndpointOptions.SectionName)
            .AddValidatedOptions<StateWriteBatchingOptions, StateWriteBatchingOptionsValidator>(configuration, StateWriteBatchingOptions.SectionName)
            .AddValidatedOptions<ReplayWindowOptions, ReplayWindowOptionsValidator>(configuration, ReplayWindowOptions.SectionName);
        silo.Services.AddOptions<EndpointOptions>()
            .Configure<IOptions<SiloEndpointOptions>>((endpoints, configured) => ApplyEndpoints(endpoints, configured.Value));
        silo.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> clustering) => clustering
            .Configure<IOptions<PostgresOptions>>((options, postgres) =>
            {
                options.Invariant = PostgresOptions.NpgsqlInvariant;
                options.ConnectionString = postgres.Value.ConnectionString;
            }));
        // The storage keeps the connection string for its data source, created on first use. Without one
        // the settings check stops the start before that (ConnectionStrings:Orleans is not set).
        if (configuration.GetConnectionString(PostgresOptions.ConnectionStringName) is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            silo.AddRemarkStorage(connectionString);
        }

        silo.AddOpenImSync(configuration);
        if (withDashboard)
        {
            // The dashboard's grains and per-call profiler; the pages are served by web fronts with Api:Keys.
            silo.AddDashboard();
        }

        silo.Services.AddMembershipOptions(configuration);
    }

    private static void ApplyEndpoints(EndpointOptions endpoints, SiloEndpointOptions configured)
    {
        endpoints.AdvertisedIPAddress = configured.ParsedAdvertisedIPAddress;
        endpoints.SiloPort = configured.SiloPort;
        endpoints.GatewayPort = configured.GatewayPort;
        if (configured.ListenOnAnyHostAddress)
        {
            endpoints.SiloListeningEndpoint = new(System.Net.IPAddress.Any, configured.SiloPort);
            endpoints.GatewayListeningEndpoint = new(System.Net.IPAddress.Any, configured.GatewayPort);
        }
    }
}
