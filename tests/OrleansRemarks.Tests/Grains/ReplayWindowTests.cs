using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

/// <summary>Tombstones and remembered changes older than Remarks:ReplayWindow are dropped at the next write of their bucket.</summary>
public sealed class ReplayWindowTests
{
    private const long Cutoff = 1_000_000;

    [Fact]
    public async Task The_next_write_of_a_bucket_drops_what_is_older_than_the_window()
    {
        var clock = new SettableClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "window-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1,
            configure: silo => silo.Services.AddSingleton<TimeProvider>(clock));
        var owner = cluster.Client.GetUserFriendsGrain("churn");
        await owner.ApplyRemarkAsync(new RemarkChange("deleted", "Del", "op-d1"));
        await owner.RemoveFriendAsync(new FriendRemoval("deleted", "op-d2"));
        await owner.ApplyRemarkAsync(new RemarkChange("kept", "Kay", "op-k1"));
        await owner.ApplyRemarkAsync(new RemarkChange("kept", "Kay2", "op-k2"));
        await owner.ApplyRemarkAsync(new RemarkChange("kept", "Kay2", "op-k3"));
        await owner.ApplyRemarkAsync(new RemarkChange("never", "", "op-n1"));

        clock.Now += ReplayWindowOptions.Default + TimeSpan.FromMinutes(1);
        await owner.ApplyRemarkAsync(new RemarkChange("other", "Otto", "op-o1"));

        var stored = await StoredFriendsAsync(cluster, "churn");
        Assert.Equal(["kept", "other"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([("op-k2", "Kay2")], stored["kept"].History.Select(c => (c.OperationId, c.Remark)));
        Assert.Null(stored["kept"].Unchanged);
        Assert.Equal("Kay2", (await owner.GetRemarkAsync("kept"))!.Remark);
        Assert.Null(await owner.GetRemarkAsync("deleted"));
        // Forgotten: a replay older than the window is handled as a new change.
        Assert.Equal(RemarkChangeOutcome.Unchanged, (await owner.RemoveFriendAsync(new FriendRemoval("deleted", "op-d2"))).Outcome);
        Assert.Equal(RemarkChangeOutcome.Duplicate, (await owner.ApplyRemarkAsync(new RemarkChange("other", "Otto", "op-o1"))).Outcome);
        Assert.Equal(RemarkChangeOutcome.Duplicate, (await owner.ApplyRemarkAsync(new RemarkChange("kept", "Kay2", "op-k2"))).Outcome);
        Assert.Equal(2, (await owner.ListRemarksAsync(new RemarkPageRequest(10, null))).Items.Count);
    }

    [Fact]
    public void An_entry_with_a_remark_keeps_the_change_that_set_it()
    {
        var entry = new FriendEntry("f", [Change("op-1", "a", Cutoff - 5), Change("op-2", "b", Cutoff - 1)]) { Unchanged = [Change("op-3", "b", Cutoff - 1)] };

        var kept = ReplayWindow.Forget(entry, Cutoff);

        Assert.NotNull(kept);
        Assert.Equal([Change("op-2", "b", Cutoff - 1)], kept.History);
        Assert.Null(kept.Unchanged);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_tombstone_older_than_the_window_is_dropped(string? remark)
    {
        var entry = new FriendEntry("f", [Change("op-1", "a", Cutoff - 5), Change("op-2", remark, Cutoff - 1)]);

        Assert.Null(ReplayWindow.Forget(entry, Cutoff));
    }

    [Fact]
    public void A_tombstone_with_a_younger_remembered_change_stays_without_a_remark()
    {
        var entry = new FriendEntry("f", [Change("op-1", "a", Cutoff - 5), Change("op-2", null, Cutoff - 1)]) { Unchanged = [Change("op-3", "", Cutoff)] };

        var kept = ReplayWindow.Forget(entry, Cutoff);

        Assert.NotNull(kept);
        Assert.Equal([Change("op-2", null, Cutoff - 1)], kept.History);
        Assert.Equal([Change("op-3", "", Cutoff)], kept.Unchanged!);
        Assert.False(kept.Latest.LeavesRemark);
    }

    [Fact]
    public void An_entry_within_the_window_is_kept_as_it_is()
    {
        var entry = new FriendEntry("f", [Change("op-1", "a", Cutoff), Change("op-2", null, Cutoff + 1)]);

        Assert.Same(entry, ReplayWindow.Forget(entry, Cutoff));
    }

    [Fact]
    public void The_window_is_validated()
    {
        var validator = new ReplayWindowOptionsValidator();

        Assert.True(validator.Validate(null, new ReplayWindowOptions()).Succeeded);
        Assert.Equal(TimeSpan.FromDays(1), new ReplayWindowOptions().ReplayWindow);
        Assert.Contains("Remarks:ReplayWindow", validator.Validate(null, new ReplayWindowOptions { ReplayWindow = TimeSpan.Zero }).FailureMessage);
        Assert.True(validator.Validate(null, new ReplayWindowOptions { ReplayWindow = TimeSpan.FromDays(400) }).Failed);
    }

    private static AppliedChange Change(string operationId, string? remark, long at) => new(operationId, remark, at);

    private static async Task<Dictionary<string, FriendEntry>> StoredFriendsAsync(Orleans.TestingHost.InProcessTestCluster cluster, string ownerId)
    {
        var services = cluster.Silos[0].ServiceProvider;
        var store = new OwnerStateStore(
            services.GetRequiredKeyedService<IGrainStorage>(RemarkStorage.ProviderName),
            GrainId.Create(UserFriendsGrainKey.GrainTypeName, UserFriendsGrainKey.For(ownerId)),
            services.GetRequiredService<RemarkStorageMetrics>());
        var layout = await store.ReadLayoutAsync();
        var buckets = await store.ReadBucketsAsync(layout.Value.BucketCount);
        return buckets.SelectMany(bucket => bucket.Value.Friends).ToDictionary(friend => friend.FriendUserId, StringComparer.Ordinal);
    }
}
