using System.Text;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.UnitTests.Grains;

/// <summary>
/// An owner loaded from stored JSON parses a bucket only when one of its friends is asked for,
/// and answers, changes and pages exactly as an owner whose buckets were all parsed at load.
/// </summary>
public sealed class LazyOwnerLoadTests
{
    private static readonly RemarkStateSerializer Serializer = new();

    [Fact]
    public void A_get_or_lookup_parses_only_the_buckets_of_the_asked_friends_and_answers_as_a_full_load()
    {
        var (layout, payloads, ids) = GrownOwner(600);
        var full = FullLoad(layout, payloads);
        var buckets = Unparsed(payloads);
        var lazy = OwnerRemarkBook.Load(layout, buckets);
        Assert.True(buckets.Length > 16, $"600 friends should make many buckets, not {buckets.Length}");
        Assert.All(buckets, bucket => Assert.False(bucket.IsParsed));
        Assert.Equal(full.Version, lazy.Version);

        // A bucket's first reads find the friend in its stored JSON; the read after them parses the bucket.
        for (var read = 1; read <= StoredBucket.ReadsBeforeParse; read++)
        {
            Assert.Equal(full.Get(ids[17]), lazy.Get(ids[17]));
            Assert.Empty(ParsedIndexes(buckets));
        }

        Assert.Equal(full.Get(ids[17]), lazy.Get(ids[17]));
        Assert.NotNull(lazy.Get(ids[17]));
        Assert.Equal([lazy.BucketIndexOf(ids[17])], ParsedIndexes(buckets));

        string[] asked = [ids[3], ids[300], ids[3], "not-a-friend", ids[599]];
        Assert.Equal(full.Lookup(asked), lazy.Lookup(asked));
        Assert.Equal(3, lazy.Lookup(asked).Count);
        Assert.Subset(
            asked.Append(ids[17]).Select(lazy.BucketIndexOf).ToHashSet(),
            ParsedIndexes(buckets).ToHashSet());

        // Every friend, asked one by one, answers as the full load does.
        foreach (var id in ids)
        {
            Assert.Equal(full.Get(id), lazy.Get(id));
        }

        Assert.Equal(full.Version, lazy.Version);
    }

    [Fact]
    public void A_duplicate_found_after_a_lazy_load_needs_only_the_friends_bucket()
    {
        var (layout, payloads, ids) = GrownOwner(300);
        var buckets = Unparsed(payloads);
        var lazy = OwnerRemarkBook.Load(layout, buckets);

        var current = lazy.Find(ids[42]);

        Assert.NotNull(current);
        Assert.Equal(RemarkChangeOutcome.Duplicate, ChangeRules.OutcomeWithoutWrite(current, "op-42", "remark 42"));
        Assert.Equal(300, lazy.Version);
        Assert.Equal(lazy.Bucket(lazy.BucketIndexOf(ids[42])).ETag, buckets[lazy.BucketIndexOf(ids[42])].ETag);
        Assert.Equal([lazy.BucketIndexOf(ids[42])], ParsedIndexes(buckets));
    }

    [Fact]
    public void Paging_after_a_lazy_load_pages_as_a_full_load()
    {
        var (layout, payloads, _) = GrownOwner(500, clearEvery: 7);
        var full = FullLoad(layout, payloads);
        var buckets = Unparsed(payloads);
        var lazy = OwnerRemarkBook.Load(layout, buckets);
        _ = lazy.Get("not-a-friend");

        Assert.Equal(Pages(full), Pages(lazy));
        Assert.All(buckets, bucket => Assert.True(bucket.IsParsed));
        Assert.Equal(full.FriendsWithRemark(), lazy.FriendsWithRemark());
        Assert.Equal(full.FriendCount, lazy.FriendCount);
        Assert.Equal(full.ChangedByCallbacksSince(0, "op-1"), lazy.ChangedByCallbacksSince(0, "op-1"));
    }

    [Fact]
    public void A_change_and_a_split_after_a_lazy_lookup_write_what_a_full_load_writes()
    {
        var (layout, payloads, ids) = GrownOwner(400);
        var full = FullLoad(layout, payloads);
        var lazy = OwnerRemarkBook.Load(layout, Unparsed(payloads));
        _ = lazy.Lookup([ids[1], ids[2]]);

        foreach (var book in new[] { full, lazy })
        {
            for (var i = 0; i < 300; i++)
            {
                var id = i % 2 == 0 ? ids[i] : "new-friend-" + i;
                var entry = ChangeRules.Append(book.Find(id), id, new AppliedChange("again-" + i, "changed " + i + " 李", 2_000 + i));
                var index = book.BucketIndexOf(id);
                var written = book.BucketWith(index, entry, forgetBeforeUnixMs: 100);
                book.CommitChange(index, new Stored<RemarkBucket>(written, "w" + i, true), entry);
                if (book.NeedsSplit)
                {
                    var split = book.PlanSplit();
                    book.CommitSplit(split, new Stored<BucketLayout>(split.Layout, "l" + i, true),
                        new Stored<RemarkBucket>(split.Kept, "k" + i, true), new Stored<RemarkBucket>(split.Moved, "m" + i, true));
                }
            }
        }

        Assert.Equal(full.Layout, lazy.Layout);
        Assert.Equal(full.Version, lazy.Version);
        for (var index = 0; index < full.Layout.Value.BucketCount; index++)
        {
            Assert.Equal(full.Bucket(index).ETag, lazy.Bucket(index).ETag);
            Assert.Equal(Json(full.Bucket(index).Value), Json(lazy.Bucket(index).Value));
        }

        Assert.Equal(Pages(full), Pages(lazy));
    }

    [Fact]
    public void A_friend_stored_twice_in_its_own_bucket_reads_as_its_last_copy_as_a_full_load_does()
    {
        FriendEntry[] entries =
        [
            new("twice", [new AppliedChange("op-1", "first copy", 1)]),
            new("once", [new AppliedChange("op-2", "only copy", 2)]),
            new("twice", [new AppliedChange("op-3", "last copy", 3)]),
        ];
        var layout = new Stored<BucketLayout>(BucketLayout.Initial, "1", true);
        byte[][] payloads = [Serialize(new RemarkBucket(3, entries))];
        var full = FullLoad(layout, payloads);
        var buckets = Unparsed(payloads);

        var lazy = OwnerRemarkBook.Load(layout, buckets);

        Assert.False(buckets[0].IsParsed);
        Assert.Equal("last copy", lazy.Get("twice")?.Remark);
        Assert.Equal(full.Get("twice"), lazy.Get("twice"));
        Assert.Equal(full.Get("once"), lazy.Get("once"));
        Assert.Null(lazy.Get("never"));
        Assert.Equal("op-3", lazy.Find("twice")?.Latest.OperationId);
    }

    [Fact]
    public void A_stray_copy_makes_the_load_parse_everything_and_settle_it_as_before()
    {
        var split = BucketLayout.Initial.AfterSplit();
        var entries = Enumerable.Range(0, 50)
            .Select(i => new FriendEntry("f" + i, [new AppliedChange("op", "r" + i, 0)]))
            .ToList();
        var moved = entries.Where(e => split.BucketOf(FriendIdHash.Of(e.FriendUserId)) == 1).ToList();
        Assert.NotEmpty(moved);
        var buckets = Unparsed([Serialize(new RemarkBucket(50, entries)), Serialize(new RemarkBucket(0, moved))]);

        var book = OwnerRemarkBook.Load(new Stored<BucketLayout>(split, "1", true), buckets);

        Assert.All(buckets, bucket => Assert.True(bucket.IsParsed));
        Assert.Equal(50, book.Version);
        Assert.Equal(50, book.FriendCount);
        Assert.DoesNotContain(book.Bucket(0).Value.Friends, f => moved.Any(m => m.FriendUserId == f.FriendUserId));
    }

    [Fact]
    public void Escaped_and_non_ascii_friend_ids_are_found_in_their_own_bucket()
    {
        string[] ids = ["李医生", "emoji-👨‍⚕️", "quote\"and\\slash", "plain"];
        var layout = BucketLayout.Initial.AfterSplit().AfterSplit();
        var payloads = new byte[layout.BucketCount][];
        for (var index = 0; index < payloads.Length; index++)
        {
            var here = ids.Where(id => layout.BucketOf(FriendIdHash.Of(id)) == index)
                .Select(id => $$"""{"f":{{Escaped(id)}},"h":[{"o":"op","r":"r-{{index}}","t":5}],"u":null}""");
            payloads[index] = Encoding.UTF8.GetBytes($$"""{"applied":{{index + 1}},"friends":[{{string.Join(",", here)}}]}""");
        }

        var buckets = Unparsed(payloads);
        var book = OwnerRemarkBook.Load(new Stored<BucketLayout>(layout, "1", true), buckets);

        Assert.All(buckets, bucket => Assert.False(bucket.IsParsed));
        Assert.Equal(Enumerable.Range(1, payloads.Length).Sum(), book.Version);
        foreach (var id in ids)
        {
            Assert.Equal("r-" + book.BucketIndexOf(id), book.Get(id)?.Remark);
        }

        // Found in the stored JSON (each bucket read at most ReadsBeforeParse times): nothing parsed.
        Assert.All(buckets, bucket => Assert.False(bucket.IsParsed));
    }

    [Theory]
    [InlineData("""{"applied":1,"friends":[{"f":"a","h":[],"extra":1}]}""")]
    [InlineData("""{"friends":[{"f":"a","h":[]}],"applied":1,"applied":2}""")]
    [InlineData("""{"applied":"1","friends":[]}""")]
    [InlineData("""{"applied":1,"friends":null}""")]
    [InlineData("""{"applied":1,"friends":[{"h":[]}]}""")]
    public void Stored_json_of_another_shape_is_parsed_at_load_as_before(string json)
    {
        var buckets = Unparsed([Encoding.UTF8.GetBytes(json)]);

        Assert.False(buckets[0].TryScan(_ => true, out _));
        bool parseable;
        try
        {
            parseable = Serializer.Deserialize<RemarkBucket>(new BinaryData(Encoding.UTF8.GetBytes(json))) is not null;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentNullException)
        {
            parseable = false;
        }

        try
        {
            OwnerRemarkBook.Load(new Stored<BucketLayout>(BucketLayout.Initial, "1", true), buckets);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or NullReferenceException or ArgumentNullException)
        {
            // What loading such a row gave before too; the point is that it was parsed at load.
        }

        Assert.Equal(parseable, buckets[0].IsParsed);
    }

    [Fact]
    public void An_indexed_lookup_answers_each_friend_once_at_its_first_place_in_the_request()
    {
        var (layout, payloads, ids) = GrownOwner(50);
        var lazy = FullLoad(layout, payloads);
        var full = FullLoad(layout, payloads);
        // A page indexes the book, as a change, a split or a sync would.
        Assert.NotEmpty(full.Page(1, null).Items);
        string[] asked = [ids[5], ids[5], ids[9], "not-a-friend", ids[5], ids[1], ids[9]];

        var found = full.Lookup(asked);

        Assert.Equal([ids[5], ids[9], ids[1]], found.Select(remark => remark.FriendUserId));
        Assert.Equal(new[] { ids[5], ids[9], ids[1] }.Select(full.Get), found);
        Assert.Equal(lazy.Lookup(asked), found);
        Assert.Empty(full.Lookup(["not-a-friend", "nor-this-one"]));
    }

    [Fact]
    public void A_lookup_reads_each_asked_bucket_once_from_its_stored_json()
    {
        var (layout, payloads, ids) = GrownOwner(300);
        var full = FullLoad(layout, payloads);
        var buckets = Unparsed(payloads);
        var lazy = OwnerRemarkBook.Load(layout, buckets);
        string[] asked = [.. ids.Take(60), "not-a-friend"];
        var askedBuckets = asked.Select(lazy.BucketIndexOf).ToHashSet();
        Assert.Contains(askedBuckets, index => asked.Count(id => lazy.BucketIndexOf(id) == index) > StoredBucket.ReadsBeforeParse);

        // However many friends it asks of a bucket, a lookup is one read of it.
        for (var read = 1; read <= StoredBucket.ReadsBeforeParse; read++)
        {
            Assert.Equal(full.Lookup(asked), lazy.Lookup(asked));
            Assert.Empty(ParsedIndexes(buckets));
        }

        Assert.Equal(full.Lookup(asked), lazy.Lookup(asked));
        Assert.Equal(60, lazy.Lookup(asked).Count);
        Assert.Equal(askedBuckets.Order(), ParsedIndexes(buckets));
    }

    [Fact]
    public void A_book_of_some_buckets_answers_the_friends_they_can_hold_as_a_full_load_and_nothing_else()
    {
        var (layout, payloads, ids) = GrownOwner(600);
        var full = FullLoad(layout, payloads);
        var first = ids[17];

        var wanted = OwnerRemarkBook.BucketsToRead(null, [first]);
        Assert.True(wanted.Count <= BucketLayout.MaxPartLevel + 2, $"{wanted.Count} buckets asked for one friend");
        var book = OwnerRemarkBook.LoadPart(layout, Read(payloads, wanted));

        Assert.NotNull(book);
        Assert.False(book.IsComplete);
        Assert.True(book.Holds([first]));
        Assert.Equal(full.Get(first), book.Get(first));
        Assert.NotNull(book.Get(first));
        Assert.Throws<InvalidOperationException>(() => book.Version);
        Assert.Throws<InvalidOperationException>(() => book.Page(10, null));

        // A friend whose bucket it does not hold: it reads what is missing, and only that.
        var other = ids.First(id => !book.Holds([id]));
        var missing = OwnerRemarkBook.BucketsToRead(book, [other]);
        Assert.Contains(book.BucketIndexOf(other), missing);
        Assert.All(missing, index => Assert.True(index < payloads.Length));
        Assert.True(book.TakeIn(layout, Read(payloads, missing)));
        Assert.True(book.Holds([first, other]));
        Assert.Empty(OwnerRemarkBook.BucketsToRead(book, [first, other]));
        Assert.Equal(full.Lookup([first, other]), book.Lookup([first, other]));
        Assert.Throws<InvalidOperationException>(() => book.Get(ids.First(id => OwnerRemarkBook.BucketsToRead(book, [id]).Contains(book.BucketIndexOf(id)))));

        // Read with another layout (a split committed in between): nothing is taken in.
        var moved = new Stored<BucketLayout>(layout.Value.AfterSplit(), "later", true);
        var third = ids.First(id => !book.Holds([id]));
        Assert.False(book.TakeIn(moved, Read(payloads, OwnerRemarkBook.BucketsToRead(book, [third]))));
        Assert.False(book.Holds([third]));
    }

    [Fact]
    public void A_stray_copy_in_a_bucket_read_for_a_friend_leaves_the_owner_to_a_full_load()
    {
        var split = new Stored<BucketLayout>(BucketLayout.Initial.AfterSplit(), "1", true);
        var entries = Enumerable.Range(0, 50)
            .Select(i => new FriendEntry("f" + i, [new AppliedChange("op", "r" + i, 0)]))
            .ToList();
        var moved = entries.Where(e => split.Value.BucketOf(FriendIdHash.Of(e.FriendUserId)) == 1).ToList();
        var payloads = new[] { Serialize(new RemarkBucket(50, entries)), Serialize(new RemarkBucket(0, moved)) };

        Assert.Null(OwnerRemarkBook.LoadPart(split, Read(payloads, [0, 1])));

        var clean = new[] { Serialize(new RemarkBucket(50, entries.Except(moved).ToList())), Serialize(new RemarkBucket(0, moved)) };
        var book = OwnerRemarkBook.LoadPart(split, Read(clean, [1]));
        Assert.NotNull(book);
        Assert.False(book.TakeIn(split, Read(payloads, [0])));
        Assert.False(book.Holds([entries.Except(moved).First().FriendUserId]));
        Assert.False(book.Holds([moved[0].FriendUserId]));
    }

    [Fact]
    public void An_owner_deeper_than_a_part_read_covers_is_read_whole()
    {
        var deep = new Stored<BucketLayout>(new BucketLayout(BucketLayout.MaxPartLevel + 1, 0), "1", true);

        Assert.Null(OwnerRemarkBook.LoadPart(deep, new Dictionary<int, StoredBucket>()));
    }

    /// <summary>
    /// Where a copy of a friend can be: its own bucket, or (left by a split written before splits
    /// were atomic) a bucket it was split out of. Every such bucket stays among the friend's homes
    /// through every later split, and the homes without the layout cover every layout up to the deepest.
    /// </summary>
    [Fact]
    public void Every_bucket_that_can_hold_a_copy_of_a_friend_stays_among_its_homes()
    {
        var random = new Random(14);
        var hashes = Enumerable.Range(0, 2000).Select(_ => (uint)random.NextInt64(0, uint.MaxValue + 1L)).ToArray();
        var layout = BucketLayout.Initial;
        var homes = hashes.Select(hash => layout.HomesOf(hash).ToHashSet()).ToArray();
        for (var step = 0; step < 600; step++)
        {
            var next = layout.AfterSplit();
            for (var i = 0; i < hashes.Length; i++)
            {
                var now = next.HomesOf(hashes[i]).ToList();
                Assert.Equal(now.Count, now.Distinct().Count());
                Assert.Contains(next.BucketOf(hashes[i]), now);
                Assert.All(now, index => Assert.InRange(index, 0, next.BucketCount - 1));
                Assert.Superset(homes[i], now.ToHashSet());
                Assert.Subset(BucketLayout.PossibleHomes(hashes[i]).ToHashSet(), now.ToHashSet());
                if (layout.BucketOf(hashes[i]) == layout.SplitPointer)
                {
                    // A copy this split leaves behind in the old bucket is still among the homes.
                    Assert.Contains(layout.SplitPointer, now);
                }

                homes[i] = [.. now];
            }

            layout = next;
        }
    }

    /// <summary>What storage returns for <paramref name="indexes"/>: a bucket without a row (past the layout) is the empty one.</summary>
    private static Dictionary<int, StoredBucket> Read(byte[][] payloads, IEnumerable<int> indexes) =>
        indexes.ToDictionary(
            index => index,
            index => index < payloads.Length
                ? StoredBucket.Unparsed(payloads[index], "v" + index, Serializer)
                : StoredBucket.Of(new Stored<RemarkBucket>(RemarkBucket.Empty, null, false)));

    private static (Stored<BucketLayout> Layout, byte[][] Payloads, string[] Ids) GrownOwner(int friends, int clearEvery = 0)
    {
        var book = OwnerRemarkBook.Load(new Stored<BucketLayout>(BucketLayout.Initial, null, false), [new Stored<RemarkBucket>(RemarkBucket.Empty, null, false)]);
        var ids = Enumerable.Range(0, friends).Select(i => $"friend-{i}-{i * 7919 % 1000}").ToArray();
        for (var i = 0; i < friends; i++)
        {
            var remark = clearEvery > 0 && i % clearEvery == 0 ? "" : "remark " + i;
            var entry = new FriendEntry(ids[i], [new AppliedChange("op-" + i, remark, 1_000 + i)]);
            var index = book.BucketIndexOf(ids[i]);
            book.CommitChange(index, new Stored<RemarkBucket>(book.BucketWith(index, entry), "e" + i, true), entry);
            while (book.NeedsSplit)
            {
                var split = book.PlanSplit();
                book.CommitSplit(split, new Stored<BucketLayout>(split.Layout, "l" + i, true),
                    new Stored<RemarkBucket>(split.Kept, "k" + i, true), new Stored<RemarkBucket>(split.Moved, "m" + i, true));
            }
        }

        var payloads = Enumerable.Range(0, book.Layout.Value.BucketCount).Select(index => Serialize(book.Bucket(index).Value)).ToArray();
        return (book.Layout, payloads, ids);
    }

    private static OwnerRemarkBook FullLoad(Stored<BucketLayout> layout, byte[][] payloads) =>
        OwnerRemarkBook.Load(layout, payloads.Select((payload, index) =>
            new Stored<RemarkBucket>(Serializer.Deserialize<RemarkBucket>(new BinaryData(payload)), "v" + index, true)));

    private static StoredBucket[] Unparsed(byte[][] payloads) =>
        [.. payloads.Select((payload, index) => StoredBucket.Unparsed(payload, "v" + index, Serializer))];

    private static int[] ParsedIndexes(StoredBucket[] buckets) =>
        [.. Enumerable.Range(0, buckets.Length).Where(index => buckets[index].IsParsed)];

    private static List<string> Pages(OwnerRemarkBook book)
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = book.Page(37, after);
            seen.AddRange(page.Items.Select(item => $"{item.FriendUserId}={item.Remark}@{item.UpdatedAt.ToUnixTimeMilliseconds()}"));
            after = page.NextAfterFriendUserId;
        }
        while (after is not null);
        return seen;
    }

    private static byte[] Serialize(RemarkBucket bucket) => Serializer.Serialize(bucket).ToArray();

    private static string Json(RemarkBucket bucket) => Encoding.UTF8.GetString(Serialize(bucket));

    /// <summary>A JSON string literal with every character escaped, as a writer other than ours might store it.</summary>
    private static string Escaped(string id) => "\"" + string.Concat(id.Select(c => $"\\u{(int)c:x4}")) + "\"";
}
