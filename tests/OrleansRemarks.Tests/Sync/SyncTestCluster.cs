using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Sync;
using OrleansRemarks.OpenImDouble;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Sync;

/// <summary>An in-process cluster on real PostgreSQL whose silos reconcile with an <see cref="OpenImApiDouble"/>.</summary>
public sealed class SyncTestCluster : IAsyncDisposable
{
    private SyncTestCluster(InProcessTestCluster cluster, OpenImApiDouble openIm, string connectionString, string serviceId)
    {
        Cluster = cluster;
        OpenIm = openIm;
        ConnectionString = connectionString;
        ServiceId = serviceId;
    }

    public InProcessTestCluster Cluster { get; }

    public OpenImApiDouble OpenIm { get; }

    public string ConnectionString { get; }

    public string ServiceId { get; }

    public IClusterClient Client => Cluster.Client;

    /// <param name="settings">Extra settings (e.g. Reconcile:AfterCallbackDelay) over the defaults below.</param>
    /// <param name="sameDeployment">A stopped cluster whose database, service ID and OpenIM double this one takes over (a restart).</param>
    /// <param name="clock">The silos' clock, when the test moves time.</param>
    public static async Task<SyncTestCluster> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, short silos = 1, SyncTestCluster? sameDeployment = null, TimeProvider? clock = null)
    {
        var openIm = sameDeployment?.OpenIm ?? await OpenImApiDouble.StartAsync();
        var connectionString = sameDeployment?.ConnectionString ?? await MigratedDatabase.CreateAsync();
        var serviceId = sameDeployment?.ServiceId ?? "sync-" + Guid.NewGuid().ToString("N")[..8];
        var values = new Dictionary<string, string?>
        {
            ["OpenIM:ApiUrl"] = openIm.BaseAddress.ToString(),
            ["OpenIM:Secret"] = openIm.Secret,
            ["Reconcile:AfterCallbackDelay"] = "00:30:00",
            ["Reconcile:MaxStaleness"] = "01:00:00",
            ["Reconcile:MaxRequestsPerSecond"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            if (clock is not null)
            {
                silo.Services.AddSingleton(clock);
            }

            silo.AddRemarkStorage(connectionString).AddOpenImSync(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SyncTestCluster(cluster, openIm, connectionString, serviceId);
    }

    /// <summary>Versions of every stored row of this cluster: a write moves one of them.</summary>
    public async Task<long> StoredVersionSumAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(version), 0) FROM orleans_grain_state WHERE service_id = @s AND state_name LIKE 'userfriends.%'", connection);
        command.Parameters.AddWithValue("s", ServiceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stops the silos only; the database and the OpenIM double stay for <see cref="StartAsync"/> with sameDeployment.</summary>
    public async Task StopSilosAsync() => await Cluster.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await OpenIm.DisposeAsync();
    }
}
