using Orleans.TestingHost;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>An in-process Orleans cluster whose grains store their state in a real PostgreSQL database.</summary>
public static class RemarkTestCluster
{
    /// <param name="configure">Runs before the storage is added, e.g. to give the silos another <see cref="TimeProvider"/>.</param>
    public static async Task<InProcessTestCluster> StartAsync(string connectionString, string serviceId, short silos = 2, Action<ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            configure?.Invoke(silo);
            silo.AddRemarkStorage(connectionString);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
