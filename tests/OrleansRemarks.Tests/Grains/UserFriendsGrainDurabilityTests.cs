using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

public sealed class UserFriendsGrainDurabilityTests
{
    [Fact]
    public async Task A_new_cluster_with_the_same_service_id_sees_every_change_and_remembers_duplicates()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "durable-" + Guid.NewGuid().ToString("N")[..8];
        var friends = Enumerable.Range(0, 300).Select(i => "friend-" + i).ToArray();

        await using (var first = await RemarkTestCluster.StartAsync(connectionString, serviceId))
        {
            var owner = first.Client.GetUserFriendsGrain("owner");
            foreach (var friend in friends)
            {
                await owner.ApplyRemarkAsync(new RemarkChange(friend, "r-" + friend, "op-" + friend));
            }

            await owner.ApplyRemarkAsync(new RemarkChange("friend-0", "", "op-clear"));
            await owner.RemoveFriendAsync(new FriendRemoval("friend-1", "op-delete"));
        }

        await using var second = await RemarkTestCluster.StartAsync(connectionString, serviceId);
        var reloaded = second.Client.GetUserFriendsGrain("owner");

        var page = await reloaded.ListRemarksAsync(new RemarkPageRequest(1000, null));
        Assert.Equal(friends.Skip(2).Order(StringComparer.Ordinal), page.Items.Select(item => item.FriendUserId));
        Assert.All(page.Items, item => Assert.Equal("r-" + item.FriendUserId, item.Remark));
        var replay = await reloaded.ApplyRemarkAsync(new RemarkChange("friend-0", "r-friend-0", "op-friend-0"));
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Duplicate, 302), replay);
        Assert.Equal(RemarkChangeOutcome.Duplicate, (await reloaded.RemoveFriendAsync(new FriendRemoval("friend-1", "op-delete"))).Outcome);
        Assert.Null(await reloaded.GetRemarkAsync("friend-0"));
    }

    private static readonly string[][] LookAlikeOwners = [["10", "010"], ["abc", "ABC"], ["abc", "0abc"], ["1", "0x1"], ["7", "07"]];

    private static readonly string[] UnusualRemarks =
    [
        "😀👍🏽 family: 👨‍👩‍👧",
        "张伟的朋友 (日本語もOK) 한국어",
        "<script>alert('x')</script> & \"quoted\" 'single' \\ back",
        "line\nbreak\ttab\u0001control",
        new string('长', 4096),
        string.Concat(Enumerable.Repeat("ab😀", 1366)),
    ];

    [Fact]
    public async Task Owners_whose_ids_look_alike_as_numbers_stay_distinct()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "keys-" + Guid.NewGuid().ToString("N")[..8];
        var owners = LookAlikeOwners.SelectMany(pair => pair).Distinct().ToArray();
        await using (var cluster = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1))
        {
            foreach (var owner in owners)
            {
                await cluster.Client.GetUserFriendsGrain(owner).ApplyRemarkAsync(new RemarkChange("f", "remark of " + owner, null));
            }
        }

        await using var reloaded = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1);
        foreach (var owner in owners)
        {
            var stored = await reloaded.Client.GetUserFriendsGrain(owner).GetRemarkAsync("f");
            Assert.Equal("remark of " + owner, stored?.Remark);
        }
    }

    [Fact]
    public async Task Remarks_round_trip_exactly_through_storage()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "text-" + Guid.NewGuid().ToString("N")[..8];
        await using (var cluster = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1))
        {
            var owner = cluster.Client.GetUserFriendsGrain("用户😀");
            for (var i = 0; i < UnusualRemarks.Length; i++)
            {
                await owner.ApplyRemarkAsync(new RemarkChange("朋友 <&> " + i, UnusualRemarks[i], "op-" + i));
            }
        }

        await using var reloaded = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1);
        var reloadedOwner = reloaded.Client.GetUserFriendsGrain("用户😀");
        for (var i = 0; i < UnusualRemarks.Length; i++)
        {
            var stored = await reloadedOwner.GetRemarkAsync("朋友 <&> " + i);
            Assert.Equal(UnusualRemarks[i], stored?.Remark);
        }
    }
}
