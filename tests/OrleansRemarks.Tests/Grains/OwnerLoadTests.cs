using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.Silo.Schema;
using OrleansRemarks.Tests.Infrastructure;
using OrleansRemarks.Tests.Schema;

namespace OrleansRemarks.Tests.Grains;

/// <summary>An activation loads its layout, all its buckets and its sync position in one query (issue #14 item 2), against real PostgreSQL.</summary>
public sealed class OwnerLoadTests
{
    private static readonly RemarkStateSerializer Serializer = new();

    [Fact]
    public async Task An_owner_with_many_buckets_loads_what_was_written_in_one_query()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, "load-" + Guid.NewGuid().ToString("N")[..8], silos: 1);
        var owner = cluster.Client.GetUserFriendsGrain("many-buckets");
        var friends = Enumerable.Range(0, 1200).Select(i => "friend-" + i).ToArray();
        await Task.WhenAll(friends.Select(friend =>
            owner.ApplyRemarkAsync(new RemarkChange(friend, "remark of " + friend + " 李医生 👨‍⚕️", "op-" + friend))));
        var services = cluster.Silos[0].ServiceProvider;
        var storage = (IAtomicGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(RemarkStorage.ProviderName);
        var reader = services.GetRequiredKeyedService<StateRowReader>(RemarkStorage.ProviderName);
        var grainId = GrainId.Create(UserFriendsGrainKey.GrainTypeName, UserFriendsGrainKey.For("many-buckets"));
        var metrics = services.GetRequiredService<RemarkStorageMetrics>();

        // What the provider's own reads give, one state at a time.
        var single = new OwnerStateStore(storage, grainId, metrics);
        var layout = await single.ReadLayoutAsync();
        var buckets = await single.ReadBucketsAsync(layout.Value.BucketCount);
        var counting = new CountingStorage(storage);
        var queriesBefore = reader.QueriesSent;
        var snapshot = await new OwnerStateStore(counting, grainId, metrics).ReadAllAsync(withSync: true);

        Assert.Equal(1, reader.QueriesSent - queriesBefore);
        Assert.Equal(0, counting.SingleReads);
        Assert.True(layout.Value.BucketCount > 32, $"1,200 friends should have split the owner into many buckets, not {layout.Value.BucketCount}");
        Assert.Equal(layout, snapshot.Layout);
        Assert.Equal(buckets.Length, snapshot.Buckets.Length);
        for (var i = 0; i < buckets.Length; i++)
        {
            Assert.Equal(buckets[i].ETag, snapshot.Buckets[i].ETag);
            Assert.Equal(Json(buckets[i].Value), Json(snapshot.Buckets[i].Value));
        }

        Assert.Equal(friends.Length, snapshot.Buckets.Sum(bucket => bucket.Value.Friends.Count));
        Assert.Equal(new Stored<SyncMark>(SyncMark.Never, null, false), snapshot.Sync);

        // A new activation's first read: one query, for the layout and only the buckets that can
        // hold the friend (its own and those it was split out of), and it serves what was written.
        await cluster.DeactivateAsync(owner);
        queriesBefore = reader.QueriesSent;
        var rowsBefore = reader.RowsRead;
        Assert.Equal("remark of friend-777 李医生 👨‍⚕️", (await owner.GetRemarkAsync("friend-777"))?.Remark);
        Assert.Equal(1, reader.QueriesSent - queriesBefore);
        var homes = layout.Value.HomesOf(FriendIdHash.Of("friend-777")).Count();
        Assert.Equal(homes + 1, reader.RowsRead - rowsBefore);
        Assert.True(homes <= layout.Value.Level + 2, $"{homes} buckets for one friend of {layout.Value.BucketCount}");

        // A lookup of many friends reads the owner whole (one more query), then answers from memory.
        Assert.Equal(100, (await owner.LookupRemarksAsync(new RemarkLookup(friends[..100]))).Items.Count);
        Assert.Equal(2, reader.QueriesSent - queriesBefore);
        Assert.Equal("remark of friend-5 李医生 👨‍⚕️", (await owner.GetRemarkAsync("friend-5"))?.Remark);
        Assert.Equal(2, reader.QueriesSent - queriesBefore);

        // A change after a first read: the owner is read whole, and deduplicates as before.
        await cluster.DeactivateAsync(owner);
        Assert.Equal("remark of friend-5 李医生 👨‍⚕️", (await owner.GetRemarkAsync("friend-5"))?.Remark);
        Assert.Equal(
            new RemarkChangeResult(RemarkChangeOutcome.Duplicate, friends.Length),
            await owner.ApplyRemarkAsync(new RemarkChange("friend-5", "remark of friend-5 李医生 👨‍⚕️", "op-friend-5")));
        Assert.Equal(
            new RemarkChangeResult(RemarkChangeOutcome.Applied, friends.Length + 1),
            await owner.ApplyRemarkAsync(new RemarkChange("friend-5", "changed", "op-changed-5")));
        Assert.Equal("changed", (await owner.GetRemarkAsync("friend-5"))?.Remark);
    }

    [Fact]
    public async Task A_first_read_answers_a_newer_copy_left_in_the_bucket_its_friend_was_split_out_of()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "stray-" + Guid.NewGuid().ToString("N")[..8];
        // As a split written before splits were atomic could leave it: the friend's newer copy in
        // the old bucket (a duplicate activation wrote it there), an older one in its own bucket.
        var (friends, home, stray) = await InsertSplitOwnerAsync(connectionString, serviceId, friend => "remark " + friend, stray => EntryJson(stray, "newer", 3000));

        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1);
        var owner = cluster.Client.GetUserFriendsGrain("old");

        Assert.Equal("newer", (await owner.GetRemarkAsync(stray))?.Remark);
        await cluster.DeactivateAsync(owner);
        Assert.Equal("remark " + home[1].Last(), (await owner.GetRemarkAsync(home[1].Last()))?.Remark);
        Assert.Equal("newer", (await owner.GetRemarkAsync(stray))?.Remark);
        await cluster.DeactivateAsync(owner);
        var all = (await owner.LookupRemarksAsync(new RemarkLookup(friends))).Items;
        Assert.Equal(friends.Length, all.Count);
        Assert.Equal("newer", Assert.Single(all, remark => remark.FriendUserId == stray).Remark);
    }

    [Fact]
    public async Task A_reactivated_owner_dedups_changes_and_pages_as_before_after_a_lazy_read()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, "lazy-" + Guid.NewGuid().ToString("N")[..8], silos: 1);
        var owner = cluster.Client.GetUserFriendsGrain("lazy-owner");
        var friends = Enumerable.Range(0, 400).Select(i => "friend-" + i).ToArray();
        var version = 0L;
        foreach (var friend in friends)
        {
            // friend-9's clear changes nothing: remembered, not counted in the owner's version.
            version = (await owner.ApplyRemarkAsync(new RemarkChange(friend, friend == "friend-9" ? "" : "remark of " + friend, "op-" + friend))).OwnerVersion;
        }

        Assert.Equal(friends.Length - 1, version);

        var pagesBefore = await AllPagesAsync(owner);
        var lookupBefore = (await owner.LookupRemarksAsync(new RemarkLookup(friends[..100]))).Items;

        // Each of these runs on a fresh activation that has parsed nothing yet.
        await cluster.DeactivateAsync(owner);
        Assert.Equal(lookupBefore, (await owner.LookupRemarksAsync(new RemarkLookup(friends[..100]))).Items);
        await cluster.DeactivateAsync(owner);
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Duplicate, version), await owner.ApplyRemarkAsync(new RemarkChange("friend-5", "remark of friend-5", "op-friend-5")));
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Duplicate, version), await owner.ApplyRemarkAsync(new RemarkChange("friend-9", "", "op-friend-9")));
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, version + 1), await owner.ApplyRemarkAsync(new RemarkChange("friend-5", "changed", "op-again-5")));
        Assert.Equal("changed", (await owner.GetRemarkAsync("friend-5"))?.Remark);
        await cluster.DeactivateAsync(owner);
        Assert.Null(await owner.GetRemarkAsync("friend-9"));
        Assert.Equal(
            pagesBefore.Select(item => item.FriendUserId == "friend-5" ? "friend-5=changed" : $"{item.FriendUserId}={item.Remark}"),
            (await AllPagesAsync(owner)).Select(item => $"{item.FriendUserId}={item.Remark}"));
        await cluster.DeactivateAsync(owner);
        Assert.Equal(new RemarkChangeResult(RemarkChangeOutcome.Applied, version + 2), await owner.RemoveFriendAsync(new FriendRemoval("friend-6", "op-remove-6")));
        Assert.Equal(friends.Length - 2, (await AllPagesAsync(owner)).Count);
    }

    [Fact]
    public async Task Rows_stored_before_migration_7_load_after_it_is_applied_to_the_existing_database()
    {
        var server = await SharedPostgres.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await new SchemaMigrator(connectionString, [.. EmbeddedMigrations.All.Where(migration => migration.Version < 7)]).ApplyPendingAsync();
        var serviceId = "old-rows-" + Guid.NewGuid().ToString("N")[..8];
        // Two buckets as the provider stored them before: escaped JSON, and a stray older copy of
        // one friend left in the bucket it no longer hashes to by a split of old.
        var (friends, _, _) = await InsertSplitOwnerAsync(connectionString, serviceId, friend => "\\u674e " + friend, stray => EntryJson(stray, "stale", 1000));

        var applied = await new SchemaMigrator(connectionString).ApplyPendingAsync();

        Assert.Contains(applied, migration => migration.Version == 7);
        Assert.Contains("PRIMARY KEY (grain_id_extension, grain_id_n0, grain_id_n1, service_id, state_name)", await SchemaSnapshot.TakeAsync(connectionString), StringComparison.Ordinal);
        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1);
        var owner = cluster.Client.GetUserFriendsGrain("old");
        var remarks = (await owner.LookupRemarksAsync(new RemarkLookup(friends))).Items;
        Assert.Equal(friends.Length, remarks.Count);
        Assert.All(remarks, remark => Assert.Equal("李 " + remark.FriendUserId, remark.Remark));
        // The key still refuses a second row of the same identity.
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        var duplicate = await Record.ExceptionAsync(() => InsertAsync(check, serviceId, StateNames.Layout, "{}"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(duplicate).SqlState);
    }

    [Fact]
    public async Task The_read_queries_return_only_the_named_and_prefixed_states_of_that_grain()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            foreach (var (service, key, state) in new[]
            {
                ("s1", "u/a", "userfriends.layout"), ("s1", "u/a", "userfriends.bucket.0"), ("s1", "u/a", "userfriends.bucket.1"),
                ("s1", "u/a", "userfriends.sync"), ("s1", "u/a", "other.state"), ("s1", "u/ab", "userfriends.bucket.0"),
                ("s2", "u/a", "userfriends.bucket.0"), ("s1", "u/b", "userfriends.layout"),
            })
            {
                await InsertAsync(connection, service, state, """{"applied":0,"friends":[]}""", key);
            }

            await using var clear = new NpgsqlCommand("UPDATE orleans_grain_state SET payload_binary = NULL, version = 2 WHERE service_id = 's1' AND grain_id_extension = 'u/a' AND state_name = 'userfriends.bucket.1'", connection);
            await clear.ExecuteNonQueryAsync();
        }

        var rows = await new StateRowReader(dataSource, "s1").ReadAsync("u/a", ["userfriends.layout"], "userfriends.bucket.");

        Assert.Equal(
            ["userfriends.bucket.0", "userfriends.bucket.1", "userfriends.layout"],
            rows.Select(row => row.StateName).Order(StringComparer.Ordinal));
        var cleared = Assert.Single(rows, row => row.StateName == "userfriends.bucket.1");
        Assert.Null(cleared.Payload);
        Assert.Equal(2, cleared.Version);
        var states = new StoredStates(rows, Serializer);
        Assert.Equal(new Stored<RemarkBucket>(RemarkBucket.Empty, "2", true), states.Get(StateNames.Bucket(1), RemarkBucket.Empty));
        Assert.Equal(new Stored<RemarkBucket>(RemarkBucket.Empty, null, false), states.Get(StateNames.Bucket(2), RemarkBucket.Empty));

        // Without a prefix (ReadStringKeyNamedStatesKey): only the named states that have a row.
        var named = await new StateRowReader(dataSource, "s1").ReadAsync("u/a", ["userfriends.layout", "userfriends.bucket.1", "userfriends.bucket.7"], null);
        Assert.Equal(["userfriends.bucket.1", "userfriends.layout"], named.Select(row => row.StateName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_named_states_read_is_planned_once_per_connection_not_on_every_first_read()
    {
        // What the service's connection strings recommend (docs/PERFORMANCE.md), on one connection,
        // so every read below reuses one server-side prepared statement.
        var connectionString = new NpgsqlConnectionStringBuilder(await MigratedDatabase.CreateAsync())
        {
            MaxAutoPrepare = 20,
            MaxPoolSize = 1,
        }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            for (var owner = 0; owner < 20; owner++)
            {
                foreach (var state in new[] { "userfriends.layout", "userfriends.bucket.0", "userfriends.bucket.1" })
                {
                    await InsertAsync(connection, "s1", state, """{"applied":0,"friends":[]}""", "u/" + owner);
                }
            }
        }

        var reader = new StateRowReader(dataSource, "s1");
        // Owners of different sizes ask for different numbers of buckets; a first read's plan must not depend on that.
        for (var owner = 0; owner < 20; owner++)
        {
            string[] names = owner % 2 == 0
                ? ["userfriends.layout", "userfriends.bucket.1"]
                : ["userfriends.layout", "userfriends.bucket.0", "userfriends.bucket.1", "userfriends.bucket.3", "userfriends.bucket.7"];
            Assert.Equal(owner % 2 == 0 ? 2 : 3, (await reader.ReadAsync("u/" + owner, names, null)).Count);
        }

        // PostgreSQL plans a prepared statement anew for each of its first five executions, then
        // keeps one generic plan only if that plan is no costlier than the custom ones were.
        await using var plans = dataSource.CreateCommand(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%unnest%'");
        await using var result = await plans.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync(), "the named-states read was not prepared");
        var (generic, custom) = (result.GetInt64(0), result.GetInt64(1));
        Assert.True(generic >= 8 && custom <= 5, $"the named-states read was planned {custom} times in 20 executions ({generic} generic)");
    }

    private static async Task<List<FriendRemark>> AllPagesAsync(IUserFriendsGrain owner)
    {
        var items = new List<FriendRemark>();
        string? after = null;
        do
        {
            var page = await owner.ListRemarksAsync(new RemarkPageRequest(50, after));
            items.AddRange(page.Items);
            after = page.NextAfterFriendUserId;
        }
        while (after is not null);
        return items;
    }

    private static string Json(RemarkBucket bucket) => Encoding.UTF8.GetString(Serializer.Serialize(bucket).ToArray());

    private static string EntryJson(string friend, string remark, long at) =>
        $$"""{"f":"{{friend}}","h":[{"o":"op-{{friend}}-{{at}}","r":"{{remark}}","t":{{at}}}]}""";

    private static string BucketJson(IEnumerable<string> entries)
    {
        var list = entries.ToList();
        return $$"""{"applied":{{list.Count}},"friends":[{{string.Join(',', list)}}]}""";
    }

    /// <summary>
    /// Owner "old" stored as a split of old left it: layout {level 1}, 40 friends in their own bucket
    /// (remark <paramref name="remarkOf"/>, applied at 2000), and one more copy of bucket 1's first
    /// friend (<paramref name="strayCopy"/>) left in bucket 0.
    /// </summary>
    private static async Task<(string[] Friends, ILookup<int, string> Home, string Stray)> InsertSplitOwnerAsync(
        string connectionString, string serviceId, Func<string, string> remarkOf, Func<string, string> strayCopy)
    {
        var layout = new BucketLayout(1, 0);
        var friends = Enumerable.Range(0, 40).Select(i => "old-" + i).ToArray();
        var home = friends.ToLookup(friend => layout.BucketOf(FriendIdHash.Of(friend)));
        var stray = home[1].First();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await InsertAsync(connection, serviceId, StateNames.Layout, """{"level":1,"split":0}""");
        await InsertAsync(connection, serviceId, StateNames.Bucket(0), BucketJson(
            home[0].Select(friend => EntryJson(friend, remarkOf(friend), 2000)).Append(strayCopy(stray))));
        await InsertAsync(connection, serviceId, StateNames.Bucket(1), BucketJson(
            home[1].Select(friend => EntryJson(friend, remarkOf(friend), 2000))));
        return (friends, home, stray);
    }

    private static async Task InsertAsync(NpgsqlConnection connection, string serviceId, string stateName, string json, string grainKey = "u/old")
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, grain_id_hash, grain_type_hash, payload_binary, version)
            VALUES ($1, $2, 0, 0, $3, 0, 0, convert_to($4, 'UTF8'), 1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = json });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The silo's storage, counting the reads of single states.</summary>
    private sealed class CountingStorage(IAtomicGrainStorage inner) : IAtomicGrainStorage
    {
        private int _singleReads;

        public int SingleReads => _singleReads;

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Interlocked.Increment(ref _singleReads);
            return inner.ReadStateAsync(stateName, grainId, grainState);
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

        public Task WriteTogetherAsync(GrainId grainId, IReadOnlyList<StateWrite> writes) => inner.WriteTogetherAsync(grainId, writes);

        public Task<StoredStates?> ReadStatesAsync(GrainId grainId, IReadOnlyList<string> stateNames, string? stateNamePrefix) =>
            inner.ReadStatesAsync(grainId, stateNames, stateNamePrefix);
    }
}
