using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.OpenImDouble;
using OrleansRemarks.Tests.Infrastructure;
using OrleansRemarks.Tests.Operations;

namespace OrleansRemarks.Tests.Sync;

/// <summary>One owner's sync against the OpenIM API double: what it applies, what it costs, how it fails.</summary>
public sealed class OwnerSyncTests
{
    private const string IncrementalPath = "/friend/get_incremental_friends";

    [Fact]
    public async Task Remarks_set_before_the_service_existed_arrive_with_the_first_sync_and_a_second_sync_costs_one_call_and_writes_nothing()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var openIm = sync.OpenIm;
        for (var i = 0; i < 1_205; i++)
        {
            openIm.AddFriend("old-owner", "f" + i);
            if (i % 3 == 0)
            {
                openIm.SetRemark("old-owner", "f" + i, "remark " + i);
            }
        }

        var first = await SyncAsync(sync, "old-owner");
        Assert.True(first.Full);
        Assert.Equal(402, first.Added);
        Assert.Equal(0, first.Updated + first.Removed);
        // get_incremental_friends, get_full_friend_user_ids, and two batches of designated friends (≤ 1,000 each).
        Assert.Equal(2, openIm.Calls("/friend/get_designated_friends"));

        var page = await sync.Client.GetUserFriendsGrain("old-owner").ListRemarksAsync(new RemarkPageRequest(1000, null));
        Assert.Equal(402, page.Items.Count);
        Assert.Equal("remark 3", (await sync.Client.GetUserFriendsGrain("old-owner").GetRemarkAsync("f3"))!.Remark);

        openIm.ResetCalls();
        var written = await sync.StoredVersionSumAsync();
        var second = await SyncAsync(sync, "old-owner");
        Assert.Equal(0, second.Changes);
        Assert.Equal(1, openIm.TotalCalls);
        Assert.Equal(written, await sync.StoredVersionSumAsync());
    }

    [Fact]
    public async Task Edits_through_update_friends_and_deletes_arrive_incrementally_and_OpenIM_wins_over_an_earlier_callback()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var sync = await SyncTestCluster.StartAsync(clock: clock);
        var openIm = sync.OpenIm;
        foreach (var friend in new[] { "a", "b", "c", "d" })
        {
            openIm.AddFriend("owner", friend);
        }

        openIm.SetRemark("owner", "a", "Alice");
        openIm.SetRemark("owner", "b", "Bob");
        await SyncAsync(sync, "owner");

        var owner = sync.Client.GetUserFriendsGrain("owner");
        // A late, reordered callback says "Old"; OpenIM holds "Carol" (set through update_friends, no callback).
        openIm.SetRemark("owner", "c", "Old");
        openIm.SetRemark("owner", "c", "Carol");
        await owner.ApplyRemarkAsync(new RemarkChange("c", "Old", "op-late"));
        StartNextSyncLater(clock);
        openIm.SetRemark("owner", "a", "Alicia");
        openIm.DeleteFriend("owner", "b");
        openIm.SetRemark("owner", "d", "");

        openIm.ResetCalls();
        var report = await SyncAsync(sync, "owner");
        Assert.False(report.Full);
        Assert.Equal(1, openIm.TotalCalls);
        Assert.Equal((0, 2, 1), (report.Added, report.Updated, report.Removed));
        Assert.Equal("Alicia", (await owner.GetRemarkAsync("a"))!.Remark);
        Assert.Null(await owner.GetRemarkAsync("b"));
        Assert.Equal("Carol", (await owner.GetRemarkAsync("c"))!.Remark);

        // The late callback replayed once more is a duplicate: it cannot revert OpenIM's answer.
        Assert.Equal(RemarkChangeOutcome.Duplicate, (await owner.ApplyRemarkAsync(new RemarkChange("c", "Old", "op-late"))).Outcome);
        Assert.Equal("Carol", (await owner.GetRemarkAsync("c"))!.Remark);
    }

    [Fact]
    public async Task A_late_callback_applied_after_a_sync_is_checked_with_OpenIM_by_the_next_sync_although_its_log_has_nothing_new()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var sync = await SyncTestCluster.StartAsync(clock: clock);
        var openIm = sync.OpenIm;
        openIm.AddFriend("owner", "f");
        openIm.SetRemark("owner", "f", "Old");
        openIm.SetRemark("owner", "f", "New");
        await SyncAsync(sync, "owner");
        var owner = sync.Client.GetUserFriendsGrain("owner");
        Assert.Equal("New", (await owner.GetRemarkAsync("f"))!.Remark);

        // The callback of the first edit arrives last (two workers, no order).
        await owner.ApplyRemarkAsync(new RemarkChange("f", "Old", "op-old"));
        StartNextSyncLater(clock);
        openIm.ResetCalls();
        var report = await SyncAsync(sync, "owner");

        Assert.Equal(1, report.Updated);
        Assert.Equal("New", (await owner.GetRemarkAsync("f"))!.Remark);
        Assert.Equal(1, openIm.Calls("/friend/get_designated_friends"));

        // Verified now: the sync after it costs one call again.
        openIm.ResetCalls();
        Assert.Equal(0, (await SyncAsync(sync, "owner")).Changes);
        Assert.Equal(1, openIm.TotalCalls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_late_callback_for_a_friend_deleted_since_is_removed_by_the_next_sync(bool nonFriendIsError)
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var sync = await SyncTestCluster.StartAsync(clock: clock);
        var openIm = sync.OpenIm;
        openIm.DesignatedNonFriendIsError = nonFriendIsError;
        openIm.AddFriend("owner", "gone");
        openIm.AddFriend("owner", "kept");
        openIm.SetRemark("owner", "kept", "Kept");
        openIm.SetRemark("owner", "gone", "Late");
        openIm.DeleteFriend("owner", "gone");
        await SyncAsync(sync, "owner");
        var owner = sync.Client.GetUserFriendsGrain("owner");

        // The set-remark callback arrives after the delete was synced.
        await owner.ApplyRemarkAsync(new RemarkChange("gone", "Late", "op-late"));
        StartNextSyncLater(clock);
        var report = await SyncAsync(sync, "owner");

        Assert.Equal(1, report.Removed);
        Assert.Null(await owner.GetRemarkAsync("gone"));
        Assert.Equal("Kept", (await owner.GetRemarkAsync("kept"))!.Remark);
        openIm.ResetCalls();
        Assert.Equal(0, (await SyncAsync(sync, "owner")).Changes);
        Assert.Equal(1, openIm.TotalCalls);
    }

    [Fact]
    public async Task A_full_answer_rebaselines_and_removes_remarks_of_friends_OpenIM_no_longer_has()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var sync = await SyncTestCluster.StartAsync(clock: clock);
        var openIm = sync.OpenIm;
        openIm.AddFriend("owner", "kept");
        openIm.SetRemark("owner", "kept", "Kept");
        await SyncAsync(sync, "owner");
        var owner = sync.Client.GetUserFriendsGrain("owner");
        // A callback for a friendship OpenIM has no record of (it was deleted, its delete callback lost).
        await owner.ApplyRemarkAsync(new RemarkChange("ghost", "Ghost", "op-ghost"));
        StartNextSyncLater(clock);
        // More than 200 changes since our version: OpenIM answers full=true.
        for (var i = 0; i < 250; i++)
        {
            openIm.AddFriend("owner", "n" + i);
        }

        openIm.SetRemark("owner", "n7", "Seven");
        var report = await SyncAsync(sync, "owner");
        Assert.True(report.Full);
        Assert.Equal((1, 0, 1), (report.Added, report.Updated, report.Removed));
        Assert.Null(await owner.GetRemarkAsync("ghost"));
        Assert.Equal("Seven", (await owner.GetRemarkAsync("n7"))!.Remark);
        Assert.Equal("Kept", (await owner.GetRemarkAsync("kept"))!.Remark);

        // A new versionID (OpenIM's log reset) is a re-baseline too, and finds nothing to change.
        openIm.ResetVersionLog("owner");
        var again = await SyncAsync(sync, "owner");
        Assert.True(again.Full);
        Assert.Equal(0, again.Changes);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_once_by_the_cluster_and_the_call_retried()
    {
        await using var sync = await SyncTestCluster.StartAsync(silos: 2);
        var openIm = sync.OpenIm;
        openIm.AddFriend("owner", "f");
        openIm.SetRemark("owner", "f", "one");
        await SyncAsync(sync, "owner");
        Assert.Equal(1, openIm.TokensIssued);

        openIm.ExpireTokens();
        openIm.SetRemark("owner", "f", "two");
        var report = await SyncAsync(sync, "owner");
        Assert.Equal(1, report.Updated);
        Assert.Equal(2, openIm.TokensIssued);

        // Other owners, synced by workers on both silos, share that one token: no silo logs in again.
        for (var i = 0; i < 20; i++)
        {
            openIm.AddFriend("other" + i, "f");
            await SyncAsync(sync, "other" + i);
        }

        Assert.Equal(2, openIm.TokensIssued);
    }

    [Fact]
    public async Task A_garbage_reply_or_OpenIM_down_changes_nothing_and_is_reported_as_an_OpenIM_failure()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var openIm = sync.OpenIm;
        openIm.AddFriend("owner", "f");
        openIm.SetRemark("owner", "f", "Kept");
        await SyncAsync(sync, "owner");
        var written = await sync.StoredVersionSumAsync();

        openIm.Garbage = true;
        openIm.ResetVersionLog("owner");
        var garbage = await sync.Client.GetOwnerSyncWorker("owner").SyncAsync("owner", SyncTrigger.Manual);
        Assert.Null(garbage.Report);
        Assert.Equal(-1, garbage.OpenImErrCode);
        openIm.Garbage = false;

        openIm.Down = true;
        var down = await sync.Client.GetOwnerSyncWorker("owner").SyncAsync("owner", SyncTrigger.Manual);
        Assert.Null(down.Report);
        // HTTP 503 after the retries, or, once enough calls failed, the open circuit breaker ("did not answer").
        Assert.True(down.OpenImErrCode is 503 or 0, $"{down.OpenImErrCode}: {down.OpenImError}");
        Assert.True(openIm.Calls(IncrementalPath) > 2, "transient failures are retried");

        Assert.Equal(written, await sync.StoredVersionSumAsync());
        Assert.Equal("Kept", (await sync.Client.GetUserFriendsGrain("owner").GetRemarkAsync("f"))!.Remark);
    }

    [Fact]
    public async Task A_callback_schedules_a_sync_that_repairs_what_callbacks_missed_and_it_retries_by_itself_after_OpenIM_was_down()
    {
        await using var sync = await SyncTestCluster.StartAsync(new Dictionary<string, string?> { ["Reconcile:AfterCallbackDelay"] = "00:00:00.200" });
        var openIm = sync.OpenIm;
        openIm.AddFriend("owner", "seen");
        openIm.AddFriend("owner", "missed");
        openIm.SetRemark("owner", "seen", "Seen");
        openIm.SetRemark("owner", "missed", "Missed");
        openIm.Down = true;
        var owner = sync.Client.GetUserFriendsGrain("owner");
        await owner.ApplyRemarkAsync(new RemarkChange("seen", "Seen", "op-1"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(await owner.GetRemarkAsync("missed"));
        Assert.Equal("Seen", (await owner.GetRemarkAsync("seen"))!.Remark);

        openIm.Down = false;
        var repaired = await Eventually.ReturnsAsync(() => owner.GetRemarkAsync("missed"), remark => remark is not null,
            TimeSpan.FromSeconds(60), "the retried background sync");
        Assert.Equal("Missed", repaired!.Remark);
    }

    [Fact]
    public async Task A_read_of_a_stale_owner_answers_from_storage_at_once_and_syncs_behind_it()
    {
        await using var sync = await SyncTestCluster.StartAsync(new Dictionary<string, string?> { ["Reconcile:MaxStaleness"] = "00:00:01" });
        var openIm = sync.OpenIm;
        openIm.AddFriend("owner", "f");
        openIm.SetRemark("owner", "f", "Before");
        await SyncAsync(sync, "owner");
        var owner = sync.Client.GetUserFriendsGrain("owner");
        openIm.SetRemark("owner", "f", "After"); // through update_friends: no callback
        openIm.ResetCalls();
        Assert.Equal("Before", (await owner.GetRemarkAsync("f"))!.Remark);
        Assert.Equal(0, openIm.TotalCalls); // synced a moment ago: not stale yet

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal("Before", (await owner.GetRemarkAsync("f"))!.Remark); // answered from storage at once
        var synced = await Eventually.ReturnsAsync(() => owner.GetRemarkAsync("f"), remark => remark?.Remark == "After",
            TimeSpan.FromSeconds(30), "the background sync of a stale read");
        Assert.Equal("After", synced!.Remark);
    }

    [Fact]
    public async Task The_sweep_goes_on_where_it_stopped_after_the_silos_restart()
    {
        var settings = new Dictionary<string, string?> { ["Reconcile:MaxRequestsPerSecond"] = "4", ["Reconcile:Interval"] = "1.00:00:00" };
        var first = await SyncTestCluster.StartAsync(settings);
        for (var i = 0; i < 15; i++)
        {
            first.OpenIm.AddFriend("sweep-owner-" + i, "sweep-friend-" + i);
            first.OpenIm.SetRemark("sweep-owner-" + i, "sweep-friend-" + i, "old " + i);
        }

        var sweep = first.Client.GetGrain<ISweepGrain>(ISweepGrain.Key);
        var started = await sweep.StartNowAsync();
        var before = await Eventually.ReturnsAsync(() => sweep.GetStatusAsync(), status => status.Running && status.OwnersDone >= 3,
            TimeSpan.FromSeconds(60), "a sweep under way");
        await first.StopSilosAsync();

        await using var second = await SyncTestCluster.StartAsync(settings, sameDeployment: first);
        var resumed = second.Client.GetGrain<ISweepGrain>(ISweepGrain.Key);
        var done = await Eventually.ReturnsAsync(() => resumed.GetStatusAsync(), status => !status.Running,
            TimeSpan.FromSeconds(90), "the sweep to end after the restart");

        Assert.Equal(before.Number, done.Number); // the same sweep, not a new one
        Assert.Equal(30, done.OwnersDone);        // 15 owners and their 15 friends, each once
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal("old " + i, (await second.Client.GetUserFriendsGrain("sweep-owner-" + i).GetRemarkAsync("sweep-friend-" + i))!.Remark);
        }

        Assert.True(started.Configured);
    }

    [Fact]
    public async Task The_sweep_rebaselines_an_owner_after_a_week_and_finds_a_change_whose_log_entry_OpenIM_lost()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var sync = await SyncTestCluster.StartAsync(clock: clock);
        var openIm = sync.OpenIm;
        openIm.AddFriend("owner", "f");
        openIm.SetRemark("owner", "f", "Logged");
        await SyncAsync(sync, "owner");
        openIm.SetRemarkWithoutLogEntry("owner", "f", "Unlogged");
        var worker = sync.Client.GetOwnerSyncWorker("owner");

        openIm.ResetCalls();
        Assert.Equal(0, (await worker.SyncAsync("owner", SyncTrigger.Sweep)).Report!.Changes); // the log says nothing changed
        Assert.Equal(0, openIm.Calls("/friend/get_full_friend_user_ids"));

        clock.Now += OrleansRemarks.Grains.Sync.OwnerSynchronizer.RebaselineAge + TimeSpan.FromHours(1);
        var weekLater = (await worker.SyncAsync("owner", SyncTrigger.Sweep)).Report!;
        Assert.True(weekLater.Full);
        Assert.Equal(1, weekLater.Updated);
        Assert.Equal("Unlogged", (await sync.Client.GetUserFriendsGrain("owner").GetRemarkAsync("f"))!.Remark);
        Assert.Equal(1, openIm.Calls("/friend/get_full_friend_user_ids"));

        openIm.ResetCalls();
        Assert.False((await worker.SyncAsync("owner", SyncTrigger.Sweep)).Report!.Full); // the next one is incremental again
        Assert.Equal(1, openIm.TotalCalls);
    }

    [Fact]
    public async Task An_owner_whose_replies_never_parse_is_counted_and_passed_by_the_sweep_after_a_few_tries()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var openIm = sync.OpenIm;
        for (var i = 0; i < 5; i++)
        {
            openIm.AddFriend("s-owner-" + i, "s-friend-" + i);
            openIm.SetRemark("s-owner-" + i, "s-friend-" + i, "r" + i);
        }

        openIm.GarbageOwners["s-owner-2"] = true;
        var sweep = sync.Client.GetGrain<ISweepGrain>(ISweepGrain.Key);
        await sweep.StartNowAsync();
        var done = await Eventually.ReturnsAsync(() => sweep.GetStatusAsync(), status => status.Number >= 1 && !status.Running,
            TimeSpan.FromSeconds(90), "the sweep to get past the broken owner and end");

        Assert.Equal((10L, 1L), (done.OwnersDone, done.Errors));
        Assert.Contains("s-owner-2", done.LastError, StringComparison.Ordinal);
        Assert.Equal("r4", (await sync.Client.GetUserFriendsGrain("s-owner-4").GetRemarkAsync("s-friend-4"))!.Remark);
        Assert.Null(await sync.Client.GetUserFriendsGrain("s-owner-2").GetRemarkAsync("s-friend-2"));
    }

    [Fact]
    public async Task A_wrong_secret_fails_the_sync_with_OpenIMs_errCode_and_changes_nothing()
    {
        await using var sync = await SyncTestCluster.StartAsync(new Dictionary<string, string?> { ["OpenIM:Secret"] = "not-the-secret" });
        sync.OpenIm.AddFriend("owner", "f");
        sync.OpenIm.SetRemark("owner", "f", "Remark");

        var result = await sync.Client.GetOwnerSyncWorker("owner").SyncAsync("owner", SyncTrigger.Manual);

        Assert.Null(result.Report);
        Assert.Contains("errCode 1002", result.OpenImError, StringComparison.Ordinal);
        Assert.Equal(0, sync.OpenIm.TokensIssued);
        Assert.Equal(0, sync.OpenIm.Calls(IncrementalPath));
    }

    [Fact]
    public async Task Without_OpenIM_settings_a_sync_request_says_reconciliation_is_not_configured()
    {
        await using var sync = await SyncTestCluster.StartAsync(new Dictionary<string, string?> { ["OpenIM:ApiUrl"] = "" });
        var result = await sync.Client.GetOwnerSyncWorker("owner").SyncAsync("owner", SyncTrigger.Manual);
        Assert.True(result.NotConfigured);
        Assert.False((await sync.Client.GetGrain<ISweepGrain>(ISweepGrain.Key).GetStatusAsync()).Configured);
        Assert.Equal(0, sync.OpenIm.TotalCalls);
    }

    /// <summary>
    /// Moves the cluster's clock on, so the next sync's fetch starts after the callback just applied. A
    /// callback applied in the millisecond a fetch starts is left to the follow-up sync (it may be newer
    /// than OpenIM's answer); on the real clock a test that applies a callback and syncs at once failed
    /// whenever both fell in the same millisecond.
    /// </summary>
    private static void StartNextSyncLater(SettableClock clock) => clock.Now += TimeSpan.FromSeconds(1);

    private static async Task<SyncReport> SyncAsync(SyncTestCluster sync, string owner)
    {
        var result = await sync.Client.GetOwnerSyncWorker(owner).SyncAsync(owner, SyncTrigger.Manual);
        Assert.True(result.Report is not null, $"sync of {owner} failed: {result.OpenImError}");
        return result.Report!;
    }
}
