using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

/// <summary>The remark storage as grains see it: updates of many grains travel in shared batches.</summary>
public sealed class StateWriteBatchingTests
{
    private const string StateName = "batchtest.bucket";

    [Fact]
    public async Task Concurrent_updates_of_many_grains_are_all_stored_with_their_own_versions()
    {
        var (connectionString, serviceId, cluster) = await StartAsync();
        await using var _ = cluster;
        var storage = StorageOf(cluster);
        var states = Enumerable.Range(0, 300).Select(i => (Id: GrainOf("owner-" + i), State: new GrainState<RemarkBucket>(RemarkBucket.Empty))).ToArray();
        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));

        for (var round = 1; round <= 3; round++)
        {
            await Task.WhenAll(states.Select(s =>
            {
                s.State.State = new RemarkBucket(round, []);
                return storage.WriteStateAsync(StateName, s.Id, s.State);
            }));
        }

        Assert.All(states, s => Assert.Equal("4", s.State.ETag));
        var stored = await StoredAsync(connectionString, serviceId);
        Assert.Equal(300, stored.Count);
        Assert.All(stored.Values, row => Assert.Equal((4, 3L), row));
    }

    [Fact]
    public async Task A_stale_update_conflicts_and_the_concurrent_others_are_stored()
    {
        var (connectionString, serviceId, cluster) = await StartAsync();
        await using var _ = cluster;
        var storage = StorageOf(cluster);
        var fresh = Enumerable.Range(0, 50).Select(i => (Id: GrainOf("fresh-" + i), State: new GrainState<RemarkBucket>(RemarkBucket.Empty))).ToArray();
        var stale = new GrainState<RemarkBucket>(RemarkBucket.Empty);
        var staleId = GrainOf("stale");
        await Task.WhenAll(fresh.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)).Append(storage.WriteStateAsync(StateName, staleId, stale)));
        var other = new GrainState<RemarkBucket>(new RemarkBucket(7, [])) { ETag = stale.ETag, RecordExists = true };
        await storage.WriteStateAsync(StateName, staleId, other);

        stale.State = new RemarkBucket(99, []);
        var writes = fresh.Select(s =>
        {
            s.State.State = new RemarkBucket(1, []);
            return storage.WriteStateAsync(StateName, s.Id, s.State);
        }).ToList();
        var conflict = Record.ExceptionAsync(() => storage.WriteStateAsync(StateName, staleId, stale));
        await Task.WhenAll(writes);

        Assert.IsType<InconsistentStateException>(await conflict);
        Assert.Equal("1", stale.ETag);
        var stored = await StoredAsync(connectionString, serviceId);
        Assert.Equal((2, 7L), stored["u/stale"]);
        Assert.All(fresh, s => Assert.Equal((2, 1L), stored[s.Id.Key.ToString()!]));
    }

    private static async Task<(string ConnectionString, string ServiceId, Orleans.TestingHost.InProcessTestCluster Cluster)> StartAsync()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "batch-" + Guid.NewGuid().ToString("N")[..8];
        return (connectionString, serviceId, await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1));
    }

    private static IGrainStorage StorageOf(Orleans.TestingHost.InProcessTestCluster cluster)
    {
        var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(RemarkStorage.ProviderName);
        Assert.IsType<BatchingGrainStorage>(storage);
        return storage;
    }

    private static GrainId GrainOf(string name) => GrainId.Create("batchtest", "u/" + name);

    /// <summary>grain key → (version, the bucket's applied count) of every row of the test state.</summary>
    private static async Task<Dictionary<string, (int Version, long Applied)>> StoredAsync(string connectionString, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id_extension, version, (convert_from(payload_binary, 'UTF8')::jsonb ->> 'applied')::bigint FROM orleans_grain_state WHERE service_id = $1 AND state_name = $2",
            connection);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(StateName);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (int, long)>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt64(2));
        }

        return rows;
    }
}
