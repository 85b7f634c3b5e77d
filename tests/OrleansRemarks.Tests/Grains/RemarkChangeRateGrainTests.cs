using Npgsql;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.Tests.Grains;

/// <summary>The owner grain counts remark changes for the policy's rate rule in memory: per owner, never written.</summary>
public sealed class RemarkChangeRateGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    [Fact]
    public async Task Counts_per_owner_up_to_the_limit_and_writes_nothing()
    {
        var ownerId = "rate-" + Guid.NewGuid().ToString("N");
        var owner = fixture.Client.GetUserFriendsGrain(ownerId);
        var other = fixture.Client.GetUserFriendsGrain(ownerId + "-other");

        Assert.Equal(new RemarkRateDecision(true, 1, 0), await owner.CountRemarkChangeAsync(2));
        Assert.Equal(new RemarkRateDecision(true, 2, 0), await owner.CountRemarkChangeAsync(2));
        var refused = await owner.CountRemarkChangeAsync(2);
        Assert.False(refused.Allowed);
        Assert.Equal(2, refused.ChangesInLastMinute);
        Assert.InRange(refused.RetryAfterSeconds, 1, 60);
        Assert.True((await other.CountRemarkChangeAsync(2)).Allowed);
        Assert.True((await owner.CountRemarkChangeAsync(3)).Allowed);

        Assert.Equal(0, await StoredRowCountAsync(ownerId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => owner.CountRemarkChangeAsync(0));
    }

    [Fact]
    public async Task Counting_leaves_the_remarks_alone()
    {
        var ownerId = "rate-" + Guid.NewGuid().ToString("N");
        var owner = fixture.Client.GetUserFriendsGrain(ownerId);
        await owner.ApplyRemarkAsync(new RemarkChange("f", "Bob", "op-1"));
        var rows = await StoredRowCountAsync(ownerId);

        await owner.CountRemarkChangeAsync(5);

        Assert.True(rows > 0, "the row query sees the owner's stored state");
        Assert.Equal(rows, await StoredRowCountAsync(ownerId));
        Assert.Equal("Bob", (await owner.GetRemarkAsync("f"))?.Remark);
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, 2), await owner.ApplyRemarkAsync(new RemarkChange("f", "Rob", "op-2")));
    }

    private async Task<long> StoredRowCountAsync(string ownerId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_grain_state WHERE service_id = $1 AND grain_id_extension = $2", connection);
        command.Parameters.AddWithValue(fixture.ServiceId);
        command.Parameters.AddWithValue(UserFriendsGrainKey.For(ownerId));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
