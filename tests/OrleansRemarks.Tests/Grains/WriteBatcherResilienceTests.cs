using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.Silo.Schema;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

/// <summary>The write batcher under a stuck row and a PostgreSQL restart: it fails in bounded time, retries safely, keeps running.</summary>
public sealed class WriteBatcherResilienceTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_batch_stuck_on_a_locked_row_fails_at_the_command_timeout_and_the_writer_goes_on()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        // No timeout of the connection string's own: only the batcher's may end the wait.
        var unbounded = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;
        var serviceId = "timeout-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await RemarkTestCluster.StartAsync(unbounded, serviceId, silos: 1,
            configure: silo => silo.Services.Configure<StateWriteBatchingOptions>(options => options.CommandTimeoutSeconds = 1));
        var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(RemarkStorage.ProviderName);
        var grainId = GrainId.Create("batchtest", "u/locked");
        var state = new GrainState<RemarkBucket>(RemarkBucket.Empty);
        await storage.WriteStateAsync("batchtest.bucket", grainId, state);

        await using (var locker = new NpgsqlConnection(connectionString))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT version FROM orleans_grain_state WHERE service_id = $1 FOR UPDATE", locker, transaction))
            {
                lockRow.Parameters.AddWithValue(serviceId);
                await lockRow.ExecuteScalarAsync();
            }

            state.State = new RemarkBucket(1, []);
            var stuck = await Record.ExceptionAsync(() => storage.WriteStateAsync("batchtest.bucket", grainId, state));

            Assert.IsAssignableFrom<NpgsqlException>(stuck);
            await transaction.RollbackAsync();
        }

        Assert.Equal("1", state.ETag);
        for (var i = 2; i <= 9; i++)
        {
            state.State = new RemarkBucket(i, []);
            await storage.WriteStateAsync("batchtest.bucket", grainId, state);
        }

        Assert.Equal("9", state.ETag);
    }

    [Fact]
    public async Task After_a_postgresql_restart_changes_are_stored_without_failing_on_dead_connections()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await new SchemaMigrator(connectionString).ApplyPendingAsync();
        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, "restart-" + Guid.NewGuid().ToString("N")[..8], silos: 1);
        var owners = Enumerable.Range(0, 40).Select(i => cluster.Client.GetUserFriendsGrain("owner-" + i)).ToArray();
        // Every writer and the pool hold connections to the server that is about to restart.
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(owners.Select(owner => owner.ApplyRemarkAsync(new RemarkChange("f", "before-" + round, null))));
        }

        await server.StopAsync();
        await server.StartAsync();
        var results = await Task.WhenAll(owners.Select(async owner =>
            await Record.ExceptionAsync(() => owner.ApplyRemarkAsync(new RemarkChange("f", "after", "op-after")))));

        Assert.All(results, Assert.Null);
        Assert.All(await Task.WhenAll(owners.Select(owner => owner.GetRemarkAsync("f"))), remark => Assert.Equal("after", remark?.Remark));
    }
}
