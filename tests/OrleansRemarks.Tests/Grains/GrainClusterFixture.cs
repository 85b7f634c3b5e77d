using Orleans.TestingHost;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

/// <summary>Two in-process silos on one migrated database, shared by the tests of a class.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public string ServiceId { get; } = "grains-" + Guid.NewGuid().ToString("N")[..8];

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        ConnectionString = await MigratedDatabase.CreateAsync();
        Cluster = await RemarkTestCluster.StartAsync(ConnectionString, ServiceId);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
