using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Silo.Schema;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

public sealed class StorageFailureTests
{
    [Fact]
    public async Task A_change_that_cannot_be_stored_fails_and_is_not_seen_afterwards()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await new SchemaMigrator(connectionString).ApplyPendingAsync();
        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, "failure-" + Guid.NewGuid().ToString("N")[..8], silos: 1);
        var owner = cluster.Client.GetUserFriendsGrain("owner");
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "stored", "op-1"));

        await server.StopAsync();
        var failure = await Record.ExceptionAsync(() => owner.ApplyRemarkAsync(new RemarkChange("f1", "never stored", "op-2")));
        await server.StartAsync();

        Assert.NotNull(failure);
        Assert.IsNotType<ArgumentException>(failure);
        Assert.Equal("stored", (await owner.GetRemarkAsync("f1"))!.Remark);
        var retry = await owner.ApplyRemarkAsync(new RemarkChange("f1", "never stored", "op-2"));
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, 2), retry);
    }
}
