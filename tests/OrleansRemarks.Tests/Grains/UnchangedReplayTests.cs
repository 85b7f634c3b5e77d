using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Tests.Grains;

/// <summary>
/// Changes answered "unchanged" are remembered when they carry an operationID, so a late copy of
/// one cannot revert a newer remark; and "unchanged" is never decided from a stale activation's memory.
/// </summary>
public sealed class UnchangedReplayTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    [Fact]
    public async Task A_late_replay_of_a_set_answered_unchanged_does_not_revert_a_newer_remark()
    {
        var owner = fixture.Client.GetUserFriendsGrain(NewOwnerId());
        await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", "op-1"));
        var unchanged = await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", "op-2"));
        await owner.ApplyRemarkAsync(new RemarkChange("g", "Rob", "op-3"));

        var late = await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", "op-2"));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Unchanged, 1), unchanged);
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Duplicate, 2), late);
        Assert.Equal("Rob", (await owner.GetRemarkAsync("g"))!.Remark);
    }

    [Fact]
    public async Task A_late_replay_of_a_clear_of_an_absent_remark_does_not_clear_a_newer_one()
    {
        var owner = fixture.Client.GetUserFriendsGrain(NewOwnerId());
        var unchanged = await owner.ApplyRemarkAsync(new RemarkChange("g", "", "op-clear"));
        var removal = await owner.RemoveFriendAsync(new FriendRemoval("h", "op-remove"));
        await owner.ApplyRemarkAsync(new RemarkChange("g", "Rob", "op-set"));
        await owner.ApplyRemarkAsync(new RemarkChange("h", "Hal", "op-set-h"));

        var late = await owner.ApplyRemarkAsync(new RemarkChange("g", "", "op-clear"));
        var lateRemoval = await owner.RemoveFriendAsync(new FriendRemoval("h", "op-remove"));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Unchanged, 0), unchanged);
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Unchanged, 0), removal);
        Assert.Equal(RemarkChangeOutcome.Duplicate, late.Outcome);
        Assert.Equal(RemarkChangeOutcome.Duplicate, lateRemoval.Outcome);
        Assert.Equal("Rob", (await owner.GetRemarkAsync("g"))!.Remark);
        Assert.Equal("Hal", (await owner.GetRemarkAsync("h"))!.Remark);
    }

    [Fact]
    public async Task A_remembered_unchanged_change_survives_reactivation_and_keeps_the_remark_time()
    {
        var owner = fixture.Client.GetUserFriendsGrain(NewOwnerId());
        await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", "op-1"));
        var before = await owner.GetRemarkAsync("g");
        await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", "op-2"));
        await fixture.Cluster.DeactivateAsync(owner);
        var reloaded = await owner.GetRemarkAsync("g");
        await owner.ApplyRemarkAsync(new RemarkChange("g", "Rob", "op-3"));

        var late = await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", "op-2"));

        Assert.Equal(before, reloaded);
        Assert.Equal(RemarkChangeOutcome.Duplicate, late.Outcome);
        Assert.Equal("Rob", (await owner.GetRemarkAsync("g"))!.Remark);
    }

    [Theory]
    [InlineData("op-2")]
    [InlineData(null)]
    public async Task Unchanged_is_decided_against_storage_not_a_stale_activations_memory(string? operationId)
    {
        var ownerId = NewOwnerId();
        var owner = fixture.Client.GetUserFriendsGrain(ownerId);
        await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", "op-1"));
        // Another activation of the owner (e.g. during a membership change) stores "Rob"; this one still holds "Bob".
        await WriteBehindTheActivationAsync(ownerId, "g", "Rob");

        var result = await owner.ApplyRemarkAsync(new RemarkChange("g", "Bob", operationId));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, 3), result);
        Assert.Equal("Bob", (await owner.GetRemarkAsync("g"))!.Remark);
        await fixture.Cluster.DeactivateAsync(owner);
        Assert.Equal("Bob", (await owner.GetRemarkAsync("g"))!.Remark);
    }

    private static string NewOwnerId() => "owner-" + Guid.NewGuid().ToString("N");

    private async Task WriteBehindTheActivationAsync(string ownerId, string friendId, string remark)
    {
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var store = new OwnerStateStore(
            services.GetRequiredKeyedService<IGrainStorage>(RemarkStorage.ProviderName),
            GrainId.Create(UserFriendsGrainKey.GrainTypeName, UserFriendsGrainKey.For(ownerId)),
            services.GetRequiredService<RemarkStorageMetrics>());
        var layout = await store.ReadLayoutAsync();
        var index = layout.Value.BucketOf(FriendIdHash.Of(friendId));
        var bucket = await store.ReadBucketAsync(index);
        var entry = bucket.Value.Friends.Single(f => f.FriendUserId == friendId);
        var changed = ChangeRules.Append(entry, friendId, new AppliedChange("op-elsewhere", remark, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await store.WriteBucketAsync(index, bucket, new RemarkBucket(bucket.Value.AppliedChanges + 1, [changed]));
    }
}
