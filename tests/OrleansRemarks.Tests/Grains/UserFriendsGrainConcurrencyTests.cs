using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.Tests.Grains;

public sealed class UserFriendsGrainConcurrencyTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    [Fact]
    public async Task Five_hundred_concurrent_changes_to_one_owner_are_all_applied()
    {
        var owner = fixture.Client.GetUserFriendsGrain("busy-" + Guid.NewGuid().ToString("N"));

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            owner.ApplyRemarkAsync(new RemarkChange("friend-" + i, "remark-" + i, "op-" + i))));

        Assert.All(results, result => Assert.Equal(RemarkChangeOutcome.Applied, result.Outcome));
        Assert.Equal(Enumerable.Range(1, 500).Select(v => (long)v), results.Select(r => r.OwnerVersion).Order());

        await fixture.Cluster.DeactivateAsync(owner);
        var page = await owner.ListRemarksAsync(new RemarkPageRequest(1000, null));
        Assert.Equal(500, page.Items.Count);
        Assert.All(page.Items, item => Assert.Equal("remark-" + item.FriendUserId["friend-".Length..], item.Remark));
        var version = (await owner.RemoveFriendAsync(new FriendRemoval("nobody", null))).OwnerVersion;
        Assert.Equal(500, version);
    }

    [Fact]
    public async Task Concurrent_changes_to_one_friend_end_in_the_last_received()
    {
        var owner = fixture.Client.GetUserFriendsGrain("racer-" + Guid.NewGuid().ToString("N"));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            owner.ApplyRemarkAsync(new RemarkChange("f", "remark-" + i, "op-" + i))));

        var last = results.MaxBy(result => result.OwnerVersion)!;
        Assert.Equal(100, last.OwnerVersion);
        var winner = Enumerable.Range(0, 100).Single(i => results[i] == last);
        await fixture.Cluster.DeactivateAsync(owner);
        Assert.Equal("remark-" + winner, (await owner.GetRemarkAsync("f"))!.Remark);
    }
}
