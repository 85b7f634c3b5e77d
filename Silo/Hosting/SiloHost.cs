using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.Grains.Sync;
using OrleansRemarks.Silo.Configuration;
using OrleansRemarks.Silo.Operations.Logging;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>Turns a host builder into an OrleansRemarks silo: PostgreSQL clustering and grain storage.</summary>
public static class SiloHost
{
    /// <summary>How long a stopping silo may take (SIGTERM): enough to hand off grains and mark itself Dead.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(IHostApplicationBuilder builder, SiloSettings settings)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSiloConsole(builder.Configuration);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.UseOrleans(silo => ConfigureSilo(silo, builder.Configuration, settings));
    }

    /// <summary>
    /// The silo itself: cluster identity, endpoints, PostgreSQL clustering and grain storage. Shared by
    /// this process and a WebFront that hosts its own silo (Orleans:CoHostSilo), which passes
    /// <paramref name="withDashboard"/> false when it will not serve the dashboard: its per-call
    /// profiler would then cost every grain call for pages nobody can open.
    /// </summary>
    public static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration, SiloSettings settings, bool withDashboard = true)
    {
        silo.Services.Configure<StateWriteBatchingOptions>(configuration.GetSection(StateWriteBatchingOptions.SectionName));
        silo.Services.Configure<ReplayWindowOptions>(configuration.GetSection(ReplayWindowOptions.SectionName));
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = settings.Cluster.ClusterId;
            cluster.ServiceId = settings.Cluster.ServiceId;
        });
        silo.ConfigureEndpoints(
            settings.Endpoints.ParsedAdvertisedIPAddress,
            settings.Endpoints.SiloPort,
            settings.Endpoints.GatewayPort,
            settings.Endpoints.ListenOnAnyHostAddress);
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = RemarkStorage.NpgsqlInvariant;
            clustering.ConnectionString = settings.ConnectionString;
        });
        silo.AddRemarkStorage(settings.ConnectionString);
        silo.AddOpenImSync(configuration);
        if (withDashboard)
        {
            // The dashboard's grains and per-call profiler; the pages are served by web fronts with Api:Keys.
            silo.AddDashboard();
        }

        silo.Services.AddMembershipOptions(configuration);
    }
}
