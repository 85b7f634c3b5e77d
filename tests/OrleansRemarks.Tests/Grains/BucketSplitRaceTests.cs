using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

/// <summary>
/// Two stores of one owner, as two activations would hold them during a membership change,
/// interleaved step by step against real PostgreSQL.
/// </summary>
public sealed class BucketSplitRaceTests : IAsyncLifetime
{
    private const int Friends = 12;
    private InProcessTestCluster _cluster = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await MigratedDatabase.CreateAsync();
        _cluster = await RemarkTestCluster.StartAsync(_connectionString, "split-" + Guid.NewGuid().ToString("N")[..8], silos: 1);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_change_acknowledged_by_one_store_while_the_other_splits_is_kept()
    {
        var (a, b) = (NewStore("owner-1"), NewStore("owner-1"));
        await SeedAsync(a);
        var bookA = await LoadAsync(a);
        var bookB = await LoadAsync(b);
        var split = bookA.PlanSplit();
        var moving = split.Moved.Friends[0].FriendUserId;

        // B changes a friend that A's split moves, in the old bucket, and acknowledges it.
        await ApplyAsync(b, bookB, moving, "changed by B");
        // A's split was planned from what A read before: it must not go through.
        var failure = await Record.ExceptionAsync(() => a.WriteSplitAsync(bookA.Layout, bookA.Bucket(split.OldIndex), split));

        Assert.IsType<InconsistentStateException>(failure);
        var reloaded = await LoadAsync(NewStore("owner-1"));
        Assert.Equal("changed by B", reloaded.Get(moving)?.Remark);
        Assert.Equal(Friends, reloaded.FriendCount);
        Assert.Equal(1, reloaded.Layout.Value.BucketCount);
        // Nothing of the failed split stays: no layout row, no new bucket row.
        Assert.Equal([StateNames.Bucket(0)], (await RowsAsync("owner-1")).Keys);
    }

    [Fact]
    public async Task A_split_creates_its_rows_hashed_as_the_provider_hashes_them()
    {
        var (store, book, split) = await SeededSplitAsync("owner-4");
        // The provider's own first write of the same state name, for another owner.
        var other = NewStore("owner-5");
        await other.WriteBucketAsync(split.NewIndex, await other.ReadBucketAsync(split.NewIndex), RemarkBucket.Empty);

        await store.WriteSplitAsync(book.Layout, book.Bucket(split.OldIndex), split);

        var rows = await RowsAsync("owner-4");
        Assert.Equal([StateNames.Bucket(0), StateNames.Bucket(1), StateNames.Layout], rows.Keys.Order(StringComparer.Ordinal));
        // Every row of the owner carries the hash the provider gave its first one (bucket 0) ...
        Assert.All(rows.Values, row => Assert.Equal(rows[StateNames.Bucket(0)].IdHash, row.IdHash));
        // ... and the new bucket's state-name hash is the one the provider stores for that name.
        Assert.Equal((await RowsAsync("owner-5"))[StateNames.Bucket(split.NewIndex)].TypeHash, rows[StateNames.Bucket(split.NewIndex)].TypeHash);
        Assert.NotEqual(rows[StateNames.Bucket(0)].TypeHash, rows[StateNames.Bucket(1)].TypeHash);
        var reloaded = await LoadAsync(NewStore("owner-4"));
        Assert.Equal(2, reloaded.Layout.Value.BucketCount);
        Assert.Equal(Friends, reloaded.FriendCount);
    }

    [Fact]
    public async Task A_split_replaces_a_stray_row_past_the_layout()
    {
        var (store, book, split) = await SeededSplitAsync("owner-6");
        // What an interrupted split of an earlier release left: a new bucket row the layout never named.
        var stray = new RemarkBucket(1, [new FriendEntry("not-the-owners", [new AppliedChange("stray", "stray", 1)])]);
        await store.WriteBucketAsync(split.NewIndex, await store.ReadBucketAsync(split.NewIndex), stray);

        await store.WriteSplitAsync(book.Layout, book.Bucket(split.OldIndex), split);

        var reloaded = await LoadAsync(NewStore("owner-6"));
        Assert.Equal(Friends, reloaded.FriendCount);
        Assert.Null(reloaded.Get("not-the-owners"));
        Assert.Equal(2, (await RowsAsync("owner-6"))[StateNames.Bucket(split.NewIndex)].Version);
    }

    [Fact]
    public async Task A_change_from_a_store_that_missed_the_split_conflicts_and_lands_after_a_reload()
    {
        var (a, b) = (NewStore("owner-2"), NewStore("owner-2"));
        await SeedAsync(a);
        var bookA = await LoadAsync(a);
        var bookB = await LoadAsync(b);
        var split = bookA.PlanSplit();
        var moving = split.Moved.Friends[0].FriendUserId;
        await a.WriteSplitAsync(bookA.Layout, bookA.Bucket(split.OldIndex), split);

        var stale = await Record.ExceptionAsync(() => ApplyAsync(b, bookB, moving, "changed by B"));
        var fresh = await LoadAsync(b);
        await ApplyAsync(b, fresh, moving, "changed by B");

        Assert.IsType<InconsistentStateException>(stale);
        var reloaded = await LoadAsync(NewStore("owner-2"));
        Assert.Equal(2, reloaded.Layout.Value.BucketCount);
        Assert.Equal("changed by B", reloaded.Get(moving)?.Remark);
        Assert.Equal(Friends, reloaded.FriendCount);
    }

    [Fact]
    public async Task Loading_picks_the_newest_copy_of_a_friend_found_in_two_buckets()
    {
        // What a split interrupted by a duplicate activation's write left behind before splits were atomic:
        // the new bucket and the layout written, and the old bucket still holding B's newer copy.
        var (a, b) = (NewStore("owner-3"), NewStore("owner-3"));
        await SeedAsync(a);
        var bookA = await LoadAsync(a);
        var bookB = await LoadAsync(b);
        var split = bookA.PlanSplit();
        var moving = split.Moved.Friends[0].FriendUserId;
        await a.WriteBucketAsync(split.NewIndex, await a.ReadBucketAsync(split.NewIndex), split.Moved);
        await a.WriteLayoutAsync(bookA.Layout, split.Layout);
        await ApplyAsync(b, bookB, moving, "changed by B");

        var loaded = await LoadAsync(NewStore("owner-3"));
        Assert.Equal("changed by B", loaded.Get(moving)?.Remark);
        Assert.Equal(Friends, loaded.FriendCount);

        // Later writes of either bucket keep the newest copy.
        var stayed = split.Kept.Friends[0].FriendUserId;
        var other = split.Moved.Friends.Count > 1 ? split.Moved.Friends[1].FriendUserId : "another-moved";
        var writer = NewStore("owner-3");
        await ApplyAsync(writer, await LoadAsync(writer), stayed, "kept bucket rewritten");
        await ApplyAsync(writer, await LoadAsync(writer), other, "new bucket rewritten");
        await ApplyAsync(writer, await LoadAsync(writer), stayed, "kept bucket rewritten again");
        var final = await LoadAsync(NewStore("owner-3"));
        Assert.Equal("changed by B", final.Get(moving)?.Remark);
        Assert.Equal("kept bucket rewritten again", final.Get(stayed)?.Remark);
    }

    [Fact]
    public async Task Splits_are_stored_when_write_batching_is_off()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "unbatched-" + Guid.NewGuid().ToString("N")[..8];
        var friends = Enumerable.Range(0, 300).Select(i => "friend-" + i).ToArray();
        await using (var cluster = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1,
            configure: silo => silo.Services.Configure<StateWriteBatchingOptions>(options => options.Enabled = false)))
        {
            var owner = cluster.Client.GetUserFriendsGrain("unbatched");
            foreach (var friend in friends)
            {
                await owner.ApplyRemarkAsync(new RemarkChange(friend, "remark of " + friend + new string('x', 40), "op-" + friend));
            }
        }

        await using var reloaded = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1);
        var store = new OwnerStateStore(
            reloaded.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(RemarkStorage.ProviderName),
            GrainId.Create(UserFriendsGrainKey.GrainTypeName, UserFriendsGrainKey.For("unbatched")),
            reloaded.Silos[0].ServiceProvider.GetRequiredService<RemarkStorageMetrics>());
        var book = await LoadAsync(store);
        Assert.True(book.Layout.Value.BucketCount > 4, $"300 friends should have split the owner, not {book.Layout.Value.BucketCount} buckets");
        Assert.All(friends, friend => Assert.Equal("remark of " + friend + new string('x', 40), book.Get(friend)?.Remark));
    }

    /// <summary>The owner's stored rows by state name, with their version and the provider's two hash columns.</summary>
    private async Task<Dictionary<string, (int Version, int IdHash, int TypeHash)>> RowsAsync(string ownerId)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT state_name, version, grain_id_hash, grain_type_hash FROM orleans_grain_state WHERE grain_id_extension = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = GrainId.Create(UserFriendsGrainKey.GrainTypeName, UserFriendsGrainKey.For(ownerId)).Key.ToString()! });
        var rows = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), (reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return rows;
    }

    private OwnerStateStore NewStore(string ownerId)
    {
        var services = _cluster.Silos[0].ServiceProvider;
        return new OwnerStateStore(
            services.GetRequiredKeyedService<IGrainStorage>(RemarkStorage.ProviderName),
            GrainId.Create(UserFriendsGrainKey.GrainTypeName, UserFriendsGrainKey.For(ownerId)),
            services.GetRequiredService<RemarkStorageMetrics>());
    }

    /// <summary>A store of <paramref name="ownerId"/> seeded with one bucket, its book, and the first split planned from them.</summary>
    private async Task<(OwnerStateStore Store, OwnerRemarkBook Book, BucketSplit Split)> SeededSplitAsync(string ownerId)
    {
        var store = NewStore(ownerId);
        await SeedAsync(store);
        var book = await LoadAsync(store);
        return (store, book, book.PlanSplit());
    }

    /// <summary>One bucket holding <see cref="Friends"/> friends, some of which the first split moves.</summary>
    private static async Task SeedAsync(OwnerStateStore store)
    {
        var friends = Enumerable.Range(0, Friends)
            .Select(i => new FriendEntry("friend-" + i, [new AppliedChange("seed-" + i, "seeded", 1)]))
            .ToArray();
        await store.WriteBucketAsync(0, await store.ReadBucketAsync(0), new RemarkBucket(Friends, friends));
    }

    private static async Task<OwnerRemarkBook> LoadAsync(OwnerStateStore store)
    {
        var layout = await store.ReadLayoutAsync();
        return OwnerRemarkBook.Load(layout, await store.ReadBucketsAsync(layout.Value.BucketCount));
    }

    /// <summary>What the grain does for one applied change.</summary>
    private static async Task ApplyAsync(OwnerStateStore store, OwnerRemarkBook book, string friendId, string remark)
    {
        var entry = ChangeRules.Append(book.Find(friendId), friendId, new AppliedChange(Guid.NewGuid().ToString(), remark, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        var index = book.BucketIndexOf(friendId);
        var written = await store.WriteBucketAsync(index, book.Bucket(index), book.BucketWith(index, entry));
        book.CommitChange(index, written, entry);
    }
}
