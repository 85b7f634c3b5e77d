using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.Tests.Grains;

public sealed class UserFriendsGrainSemanticsTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private IUserFriendsGrain NewOwner() => fixture.Client.GetUserFriendsGrain("owner-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Setting_a_new_remark_is_applied_and_readable()
    {
        var owner = NewOwner();

        var result = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));
        var remark = await owner.GetRemarkAsync("f1");

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, 1), result);
        Assert.NotNull(remark);
        Assert.Equal("Bob", remark.Remark);
        Assert.Equal(TimeSpan.Zero, remark.UpdatedAt.Offset);
        Assert.InRange(remark.UpdatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Same_remark_again_is_unchanged_and_writes_nothing()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));
        var before = await owner.GetRemarkAsync("f1");

        var result = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-2"));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Unchanged, 1), result);
        Assert.Equal(before, await owner.GetRemarkAsync("f1"));
    }

    [Fact]
    public async Task Clearing_an_absent_remark_is_unchanged()
    {
        var owner = NewOwner();

        var result = await owner.ApplyRemarkAsync(new RemarkChange("f1", "", "op-1"));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Unchanged, 0), result);
        Assert.Null(await owner.GetRemarkAsync("f1"));
    }

    [Fact]
    public async Task Replaying_the_same_callback_is_a_duplicate()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        var replay = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Duplicate, 1), replay);
    }

    [Fact]
    public async Task Empty_operation_id_never_counts_as_duplicate()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", ""));
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Robert", ""));

        var again = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", ""));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, 3), again);
        Assert.Equal("Bob", (await owner.GetRemarkAsync("f1"))!.Remark);
    }

    [Fact]
    public async Task Clearing_removes_the_remark_from_every_lookup()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        var result = await owner.ApplyRemarkAsync(new RemarkChange("f1", "", "op-2"));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, 2), result);
        Assert.Null(await owner.GetRemarkAsync("f1"));
        Assert.Empty((await owner.ListRemarksAsync(new RemarkPageRequest(10, null))).Items);
        Assert.Empty((await owner.LookupRemarksAsync(new RemarkLookup(["f1"]))).Items);
    }

    [Fact]
    public async Task Deleting_a_friend_removes_the_remark_and_deleting_again_is_unchanged()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        var removed = await owner.RemoveFriendAsync(new FriendRemoval("f1", "op-del"));
        var again = await owner.RemoveFriendAsync(new FriendRemoval("f1", "op-del-2"));

        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, 2), removed);
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Unchanged, 2), again);
        Assert.Null(await owner.GetRemarkAsync("f1"));
    }

    [Fact]
    public async Task Late_replay_after_a_newer_change_does_not_revert_it()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Robert", "op-2"));

        var late = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        Assert.Equal(RemarkChangeOutcome.Duplicate, late.Outcome);
        Assert.Equal(2, late.OwnerVersion);
        Assert.Equal("Robert", (await owner.GetRemarkAsync("f1"))!.Remark);
    }

    [Fact]
    public async Task Late_replay_after_a_clear_does_not_resurrect_the_remark()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "", "op-2"));

        var late = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        Assert.Equal(RemarkChangeOutcome.Duplicate, late.Outcome);
        Assert.Null(await owner.GetRemarkAsync("f1"));
    }

    [Fact]
    public async Task Late_replay_after_a_delete_does_not_resurrect_the_remark()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));
        await owner.RemoveFriendAsync(new FriendRemoval("f1", "op-del"));

        var late = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        Assert.Equal(RemarkChangeOutcome.Duplicate, late.Outcome);
        Assert.Null(await owner.GetRemarkAsync("f1"));
    }

    [Fact]
    public async Task Only_the_last_four_changes_of_a_pair_are_remembered()
    {
        var owner = NewOwner();
        for (var i = 1; i <= 5; i++)
        {
            await owner.ApplyRemarkAsync(new RemarkChange("f1", "r" + i, "op-" + i));
        }

        var forgotten = await owner.ApplyRemarkAsync(new RemarkChange("f1", "r1", "op-1"));
        var remembered = await owner.ApplyRemarkAsync(new RemarkChange("f1", "r3", "op-3"));

        Assert.Equal(RemarkChangeOutcome.Applied, forgotten.Outcome);
        Assert.Equal(RemarkChangeOutcome.Duplicate, remembered.Outcome);
    }

    [Fact]
    public async Task Same_operation_id_with_another_remark_is_applied()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "Bob", "op-1"));

        var other = await owner.ApplyRemarkAsync(new RemarkChange("f1", "Robert", "op-1"));

        Assert.Equal(RemarkChangeOutcome.Applied, other.Outcome);
        Assert.Equal("Robert", (await owner.GetRemarkAsync("f1"))!.Remark);
    }

    [Fact]
    public async Task Pages_follow_ordinal_order_with_a_keyset_cursor()
    {
        var owner = NewOwner();
        string[] friends = ["b", "a", "B", "é", "aa", "10", "9"];
        foreach (var friend in friends)
        {
            await owner.ApplyRemarkAsync(new RemarkChange(friend, "r-" + friend, null));
        }

        await owner.ApplyRemarkAsync(new RemarkChange("cleared", "x", null));
        await owner.ApplyRemarkAsync(new RemarkChange("cleared", "", null));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await owner.ListRemarksAsync(new RemarkPageRequest(3, cursor));
            Assert.InRange(page.Items.Count, 1, 3);
            seen.AddRange(page.Items.Select(item => item.FriendUserId));
            cursor = page.NextAfterFriendUserId;
        }
        while (cursor is not null);

        Assert.Equal(friends.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Lookup_returns_only_friends_with_a_remark_in_request_order()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "one", null));
        await owner.ApplyRemarkAsync(new RemarkChange("f2", "two", null));

        var result = await owner.LookupRemarksAsync(new RemarkLookup(["f2", "nobody", "f1", "f2"]));

        Assert.Equal(["f2", "f1"], result.Items.Select(item => item.FriendUserId));
        Assert.Equal(["two", "one"], result.Items.Select(item => item.Remark));
    }

    [Fact]
    public async Task A_packed_lookup_answers_what_the_plain_lookup_answers()
    {
        var owner = NewOwner();
        await owner.ApplyRemarkAsync(new RemarkChange("f1", "one", null));
        await owner.ApplyRemarkAsync(new RemarkChange("张伟", "老同学 😀", null));
        await owner.ApplyRemarkAsync(new RemarkChange("cleared", "", null));
        string[] asked = ["张伟", "nobody", "cleared", "f1", "张伟"];

        var plain = await owner.LookupRemarksAsync(new RemarkLookup(asked));
        var packed = await owner.LookupRemarksPackedAsync(PackedStrings.Pack(asked));

        Assert.Equal([0, 3], packed.Indexes);
        Assert.Equal(["张伟", "f1"], plain.Items.Select(item => item.FriendUserId));
        Assert.Equal(plain.Items, packed.Unpack(asked));
    }

    [Fact]
    public async Task Bad_input_is_rejected_and_changes_nothing()
    {
        var owner = NewOwner();

        await Assert.ThrowsAsync<ArgumentException>(() => owner.ApplyRemarkAsync(new RemarkChange("", "Bob", "op-1")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => owner.ListRemarksAsync(new RemarkPageRequest(0, null)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => owner.ListRemarksAsync(new RemarkPageRequest(1001, null)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => owner.LookupRemarksAsync(new RemarkLookup([])));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            owner.LookupRemarksAsync(new RemarkLookup([.. Enumerable.Range(0, 1001).Select(i => "f" + i)])));
        await Assert.ThrowsAsync<ArgumentException>(() => owner.LookupRemarksPackedAsync(new PackedStrings("ab", [1])));
        await Assert.ThrowsAsync<ArgumentException>(() => owner.LookupRemarksPackedAsync(PackedStrings.Pack(["f1", ""])));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => owner.LookupRemarksPackedAsync(PackedStrings.Pack([])));

        var page = await owner.ListRemarksAsync(new RemarkPageRequest(10, null));
        Assert.Empty(page.Items);
        Assert.Equal(0, (await owner.RemoveFriendAsync(new FriendRemoval("f1", null))).OwnerVersion);
    }
}
