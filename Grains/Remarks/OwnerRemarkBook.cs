using System.Diagnostics.CodeAnalysis;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>
/// The in-memory view of one owner's stored buckets, with an index by friend and an ordinal set
/// of friends that have a remark. It changes only after storage confirmed a write.
/// </summary>
/// <remarks>
/// Loaded lazily when it can be: if every stored friend is in its own bucket (checked by scanning
/// the stored JSON, without parsing entries), a bucket is parsed and indexed only when one of its
/// friends is first asked for (<see cref="Get"/>, <see cref="Lookup"/>, <see cref="Find"/>,
/// <see cref="Bucket"/>), and the owner's version comes from the buckets' counts. Anything else (a
/// change, a page, a split, a sync) first parses and indexes every bucket, as a full load always
/// did; so does loading when some bucket holds a stray copy, which only a full load settles.
/// A book can also hold only some of the buckets (<see cref="LoadPart"/>): those that can hold the
/// friends a first read asked for. It serves reads of those friends (<see cref="Holds"/>) and nothing
/// else; the grain loads a complete book for anything more.
/// </remarks>
public sealed class OwnerRemarkBook
{
    /// <summary>Average stored bucket size above which the next bucket splits.</summary>
    public const long TargetBucketBytes = 2 * 1024;

    private Dictionary<string, FriendEntry> _entries;
    private OrdinalSortedIds? _withRemark;
    private List<Stored<RemarkBucket>>? _buckets;
    private StoredBucket?[]? _lazy;
    private bool _partial;
    private long _lazyVersion;
    private long _estimatedBytes;

    private OwnerRemarkBook(Stored<BucketLayout> layout, IReadOnlyList<StoredBucket> buckets)
    {
        Layout = layout;
        var lazy = true;
        long version = 0;
        for (var index = 0; index < buckets.Count && lazy; index++)
        {
            var home = index;
            lazy = buckets[index].TryScan(hash => layout.Value.BucketOf(hash) == home, out var applied);
            version += applied;
        }

        if (lazy)
        {
            _lazy = [.. buckets];
            _lazyVersion = version;
            _entries = new Dictionary<string, FriendEntry>(StringComparer.Ordinal);
        }
        else
        {
            Materialize(buckets.Select(bucket => bucket.Stored));
        }
    }

    /// <summary>Only some buckets (<see cref="LoadPart"/>).</summary>
    private OwnerRemarkBook(Stored<BucketLayout> layout)
    {
        Layout = layout;
        _lazy = new StoredBucket?[layout.Value.BucketCount];
        _partial = true;
        _entries = new Dictionary<string, FriendEntry>(StringComparer.Ordinal);
    }

    public Stored<BucketLayout> Layout { get; private set; }

    /// <summary>Whether the book holds every bucket; false for a book of some buckets (<see cref="LoadPart"/>).</summary>
    public bool IsComplete => !_partial;

    /// <summary>How many changes were ever applied to this owner.</summary>
    public long Version => _partial ? throw NotComplete() : _buckets is null ? _lazyVersion : _buckets.Sum(bucket => bucket.Value.AppliedChanges);

    public int FriendCount
    {
        get
        {
            Full();
            return _entries.Count;
        }
    }

    public bool NeedsSplit => _estimatedBytes / Full().Count > TargetBucketBytes;

    public static OwnerRemarkBook Load(Stored<BucketLayout> layout, IEnumerable<Stored<RemarkBucket>> buckets) =>
        new(layout, [.. buckets.Select(StoredBucket.Of)]);

    /// <summary>Loads from buckets as read (<see cref="OwnerSnapshot"/>), parsing only what is asked for while nothing changes.</summary>
    public static OwnerRemarkBook Load(Stored<BucketLayout> layout, IReadOnlyList<StoredBucket> buckets) =>
        new(layout, buckets);

    /// <summary>
    /// A book of some of the owner's buckets, for reads of the friends they can hold (<see cref="Holds"/>).
    /// Null when such a book cannot stand for the owner: a layout deeper than
    /// <see cref="BucketLayout.MaxPartLevel"/>, or a bucket holding a stray copy (only a full load settles those).
    /// </summary>
    public static OwnerRemarkBook? LoadPart(Stored<BucketLayout> layout, IReadOnlyDictionary<int, StoredBucket> buckets)
    {
        if (layout.Value.Level > BucketLayout.MaxPartLevel)
        {
            return null;
        }

        var book = new OwnerRemarkBook(layout);
        return book.TakeIn(layout, buckets) ? book : null;
    }

    /// <summary>
    /// The buckets a read of <paramref name="friendUserIds"/> needs beyond what <paramref name="book"/>
    /// holds; with no book, every bucket that can hold them in a layout up to <see cref="BucketLayout.MaxPartLevel"/>.
    /// </summary>
    public static IReadOnlyCollection<int> BucketsToRead(OwnerRemarkBook? book, IEnumerable<string> friendUserIds)
    {
        var needed = new HashSet<int>();
        foreach (var friendUserId in friendUserIds)
        {
            var hash = FriendIdHash.Of(friendUserId);
            foreach (var index in book is null ? BucketLayout.PossibleHomes(hash) : book.Layout.Value.HomesOf(hash))
            {
                if (book?._lazy is not { } held || held[index] is null)
                {
                    needed.Add(index);
                }
            }
        }

        return needed;
    }

    /// <summary>Whether this book answers reads of every one of <paramref name="friendUserIds"/>: a complete one does.</summary>
    public bool Holds(IEnumerable<string> friendUserIds) =>
        !_partial || friendUserIds.All(friendUserId => Layout.Value.HomesOf(FriendIdHash.Of(friendUserId)).All(index => _lazy![index] is not null));

    /// <summary>
    /// Takes more buckets into a book of some buckets. False, taking nothing, when they were read
    /// with another layout (a split committed meanwhile) or one holds a stray copy: then only a full load will do.
    /// Buckets past the layout (of a split that never committed) are not the owner's and are left out.
    /// </summary>
    public bool TakeIn(Stored<BucketLayout> layout, IReadOnlyDictionary<int, StoredBucket> buckets)
    {
        if (!_partial || !string.Equals(layout.ETag, Layout.ETag, StringComparison.Ordinal) || layout.Value != Layout.Value)
        {
            return false;
        }

        var held = _lazy!;
        var taken = new List<KeyValuePair<int, StoredBucket>>(buckets.Count);
        foreach (var (index, bucket) in buckets)
        {
            if (index >= held.Length || held[index] is not null)
            {
                continue;
            }

            if (!bucket.TryScan(hash => layout.Value.BucketOf(hash) == index, out _))
            {
                return false;
            }

            taken.Add(new KeyValuePair<int, StoredBucket>(index, bucket));
        }

        foreach (var (index, bucket) in taken)
        {
            held[index] = bucket;
        }

        return true;
    }

    public FriendEntry? Find(string friendUserId) => EntryOf(friendUserId);

    public int BucketIndexOf(string friendUserId) => Layout.Value.BucketOf(FriendIdHash.Of(friendUserId));

    /// <remarks>While lazy, every friend is in its own bucket, so the bucket as stored is what a full load holds.</remarks>
    public Stored<RemarkBucket> Bucket(int index) => _buckets is null ? Held(index).Stored : _buckets[index];

    /// <summary>
    /// The bucket holding <paramref name="entry"/> after one more change: an applied one (counted
    /// in the owner's version) or, with <paramref name="applied"/> false, a remembered "unchanged"
    /// one. Whatever the other entries hold from before <paramref name="forgetBeforeUnixMs"/> is
    /// left out (see <see cref="ReplayWindow"/>); entries keep their order.
    /// </summary>
    /// <remarks>One array, no iterator: this runs for every change, and its result stays in memory.</remarks>
    public RemarkBucket BucketWith(int index, FriendEntry entry, bool applied = true, long forgetBeforeUnixMs = long.MinValue)
    {
        var current = Full()[index].Value;
        var friends = current.Friends;
        var at = IndexOfFriend(friends, entry.FriendUserId);
        var changed = new FriendEntry[at < 0 ? friends.Count + 1 : friends.Count];
        var count = 0;
        for (var i = 0; i < friends.Count; i++)
        {
            if ((i == at ? entry : ReplayWindow.Forget(friends[i], forgetBeforeUnixMs)) is { } kept)
            {
                changed[count++] = kept;
            }
        }

        if (at < 0)
        {
            changed[count++] = entry;
        }

        return new RemarkBucket(current.AppliedChanges + (applied ? 1 : 0), count == changed.Length ? changed : changed[..count]);
    }

    /// <summary>Takes in a bucket that storage confirmed, holding the changed <paramref name="entry"/>.</summary>
    /// <remarks>Entries the write forgot or shortened (<see cref="BucketWith"/>) are taken in too.</remarks>
    public void CommitChange(int index, Stored<RemarkBucket> written, FriendEntry entry)
    {
        var buckets = Full();
        var before = buckets[index].Value.Friends;
        var after = written.Value.Friends;
        buckets[index] = written;
        // Both lists are in the same order; "after" lacks forgotten entries and may end with a new one.
        var j = 0;
        for (var i = 0; i < before.Count; i++)
        {
            if (j < after.Count && string.Equals(before[i].FriendUserId, after[j].FriendUserId, StringComparison.Ordinal))
            {
                if (!ReferenceEquals(before[i], after[j]) && !ReferenceEquals(after[j], entry) && IsIndexed(before[i]))
                {
                    Replace(after[j]);
                }

                j++;
            }
            else if (IsIndexed(before[i]))
            {
                Unindex(before[i]);
            }
        }

        Replace(entry);
    }

    /// <summary>The bucket holding every one of <paramref name="entries"/> (all of this bucket) after one more applied change each.</summary>
    public RemarkBucket BucketWith(int index, IReadOnlyList<FriendEntry> entries)
    {
        var current = Full()[index].Value;
        var friends = current.Friends.ToList();
        foreach (var entry in entries)
        {
            var at = IndexOfFriend(friends, entry.FriendUserId);
            if (at < 0)
            {
                friends.Add(entry);
            }
            else
            {
                friends[at] = entry;
            }
        }

        return new RemarkBucket(current.AppliedChanges + entries.Count, [.. friends]);
    }

    /// <summary>Takes in a bucket that storage confirmed, holding every changed entry of <paramref name="entries"/>.</summary>
    public void CommitChanges(int index, Stored<RemarkBucket> written, IReadOnlyList<FriendEntry> entries)
    {
        foreach (var entry in entries)
        {
            CommitChange(index, written, entry);
        }
    }

    /// <summary>Friends whose latest change was applied at or after <paramref name="sinceUnixMs"/> by anything but <paramref name="exceptOperationId"/>.</summary>
    public IReadOnlyList<string> ChangedByCallbacksSince(long sinceUnixMs, string exceptOperationId)
    {
        Full();
        return [.. _entries.Values
            .Where(entry => entry.Latest.AppliedAtUnixMs >= sinceUnixMs && entry.Latest.OperationId != exceptOperationId)
            .Select(entry => entry.FriendUserId)];
    }

    /// <summary>Friends that have a remark now, in ordinal order (a copy).</summary>
    public IReadOnlyList<string> FriendsWithRemark()
    {
        Full();
        return _withRemark.ToArray();
    }

    public BucketSplit PlanSplit()
    {
        var layout = Layout.Value;
        var next = layout.AfterSplit();
        var oldIndex = layout.SplitPointer;
        var newIndex = layout.NextNewBucket;
        var old = Full()[oldIndex].Value;
        var moves = old.Friends.ToLookup(f => next.BucketOf(FriendIdHash.Of(f.FriendUserId)) == newIndex);
        return new BucketSplit(
            oldIndex, old with { Friends = [.. moves[false]] },
            newIndex, new RemarkBucket(0, [.. moves[true]]),
            next);
    }

    public void CommitSplit(BucketSplit split, Stored<BucketLayout> layout, Stored<RemarkBucket> kept, Stored<RemarkBucket> moved)
    {
        var buckets = Full();
        Layout = layout;
        buckets[split.OldIndex] = kept;
        buckets.Add(moved);
    }

    public FriendRemark? Get(string friendUserId) =>
        EntryOf(friendUserId) is { } entry ? ToRemark(entry) : null;

    public RemarkPage Page(int limit, string? afterFriendUserId)
    {
        Full();
        var page = _withRemark.After(afterFriendUserId, limit + 1);
        var hasMore = page.Count > limit;
        var items = page.Take(limit).Select(id => ToRemark(_entries[id])!).ToList();
        return new RemarkPage(items, hasMore ? items[^1].FriendUserId : null);
    }

    /// <remarks>While buckets are read from their stored JSON, each asked bucket is read once for all its asked friends.</remarks>
    public IReadOnlyList<FriendRemark> Lookup(IEnumerable<string> friendUserIds)
    {
        if (_buckets is not null)
        {
            return LookupIndexed(friendUserIds);
        }

        var distinct = friendUserIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            return [.. distinct.Select(Get).OfType<FriendRemark>()];
        }

        var entries = new Dictionary<string, FriendEntry?>(distinct.Count, StringComparer.Ordinal);
        foreach (var group in distinct.GroupBy(BucketIndexOf))
        {
            var asked = group.ToList();
            var found = Held(group.Key).FindAll(asked);
            for (var i = 0; i < asked.Count; i++)
            {
                entries[asked[i]] = found[i];
            }
        }

        return [.. distinct.Select(friendUserId => entries[friendUserId] is { } entry ? ToRemark(entry) : null).OfType<FriendRemark>()];
    }

    /// <summary>
    /// <see cref="Lookup"/> of an indexed book: one probe per asked ID, and a friend asked twice is
    /// answered once (its entry is one object), without first building a set of every asked ID.
    /// </summary>
    private List<FriendRemark> LookupIndexed(IEnumerable<string> friendUserIds)
    {
        var found = new List<FriendRemark>();
        var answered = new HashSet<FriendEntry>(ReferenceEqualityComparer.Instance);
        foreach (var friendUserId in friendUserIds)
        {
            if (_entries.TryGetValue(friendUserId, out var entry) && entry.Latest.LeavesRemark && answered.Add(entry))
            {
                found.Add(ToRemark(entry)!);
            }
        }

        return found;
    }

    private static FriendRemark? ToRemark(FriendEntry entry) =>
        entry.Latest.LeavesRemark
            ? new FriendRemark(entry.FriendUserId, entry.Latest.Remark!, DateTimeOffset.FromUnixTimeMilliseconds(entry.Latest.AppliedAtUnixMs))
            : null;

    /// <summary>
    /// Settles copies found in a bucket the friend no longer hashes to. Splits are atomic now, but
    /// rows written before could hold them: a split that stopped before rewriting its old bucket, or
    /// whose old bucket a duplicate activation changed meanwhile. The newest copy wins (by its
    /// newest remembered change; a tie goes to the friend's own bucket). A stray copy that is not
    /// newer is dropped here, and from storage at that bucket's next write. A newer one stays where
    /// it is and is also put into the friend's own bucket in memory, so storage holds it in one row
    /// or the other whichever is written first, and the next load finds the own bucket's copy as new.
    /// </summary>
    private Stored<RemarkBucket> WithStrayEntriesSettled(List<Stored<RemarkBucket>> buckets, int index, Stored<RemarkBucket> bucket)
    {
        var friends = bucket.Value.Friends;
        List<FriendEntry>? settled = null;
        for (var i = 0; i < friends.Count; i++)
        {
            var entry = friends[i];
            var home = BucketIndexOf(entry.FriendUserId);
            var keep = home == index;
            if (!keep && (!_entries.TryGetValue(entry.FriendUserId, out var indexed) || NewestChangeOf(entry) > NewestChangeOf(indexed)))
            {
                keep = true;
                if (indexed is not null)
                {
                    Unindex(indexed);
                }

                Index(entry);
                buckets[home] = buckets[home] with { Value = WithEntry(buckets[home].Value, entry) };
            }

            if (!keep)
            {
                settled ??= [.. friends.Take(i)];
            }
            else
            {
                settled?.Add(entry);
            }
        }

        return settled is null ? bucket : bucket with { Value = bucket.Value with { Friends = settled } };
    }

    private static long NewestChangeOf(FriendEntry entry) =>
        Math.Max(
            entry.History.Count == 0 ? long.MinValue : entry.History.Max(change => change.AppliedAtUnixMs),
            entry.Unchanged is not { Count: > 0 } unchanged ? long.MinValue : unchanged.Max(change => change.AppliedAtUnixMs));

    private static RemarkBucket WithEntry(RemarkBucket bucket, FriendEntry entry)
    {
        var friends = bucket.Friends.ToList();
        var at = IndexOfFriend(friends, entry.FriendUserId);
        if (at < 0)
        {
            friends.Add(entry);
        }
        else
        {
            friends[at] = entry;
        }

        return bucket with { Friends = friends };
    }

    /// <summary>Indexes the changed entry of a friend in place of what was indexed for them.</summary>
    private void Replace(FriendEntry entry)
    {
        if (_entries.TryGetValue(entry.FriendUserId, out var old))
        {
            _estimatedBytes -= EntrySize.Of(old);
        }

        // The sorted set changes only when the friend gains or loses a remark, so most changes allocate nothing there.
        if (!entry.Latest.LeavesRemark)
        {
            _withRemark?.Remove(entry.FriendUserId);
        }

        Index(entry);
    }

    /// <summary>Whether this very copy is the one indexed (a settled stray copy may be held by two buckets).</summary>
    private bool IsIndexed(FriendEntry entry) =>
        _entries.TryGetValue(entry.FriendUserId, out var indexed) && ReferenceEquals(indexed, entry);

    private void Unindex(FriendEntry entry)
    {
        if (_entries.Remove(entry.FriendUserId, out var indexed))
        {
            _estimatedBytes -= EntrySize.Of(indexed);
            _withRemark?.Remove(entry.FriendUserId);
        }
    }

    private void Index(FriendEntry entry)
    {
        _entries[entry.FriendUserId] = entry;
        _estimatedBytes += EntrySize.Of(entry);
        if (entry.Latest.LeavesRemark)
        {
            _withRemark?.Add(entry.FriendUserId);
        }
    }

    /// <summary>
    /// The friend's indexed entry; while lazy, found in its bucket (<see cref="StoredBucket.Find"/>)
    /// without indexing it: a read-only owner keeps no dictionary, only its buckets.
    /// </summary>
    /// <remarks>Every friend of the bucket belongs to it (checked at load), so its copy there is what a full load would index.</remarks>
    private FriendEntry? EntryOf(string friendUserId) =>
        _buckets is null
            ? Held(BucketIndexOf(friendUserId)).Find(friendUserId)
            : _entries.GetValueOrDefault(friendUserId);

    /// <summary>Every bucket parsed and indexed (once): what changes, pages, splits and syncs work on.</summary>
    [MemberNotNull(nameof(_buckets), nameof(_withRemark))]
    private List<Stored<RemarkBucket>> Full()
    {
        if (_buckets is null || _withRemark is null)
        {
            if (_partial)
            {
                throw NotComplete();
            }

            Materialize(_lazy!.Select(bucket => bucket!.Stored));
        }

        return _buckets;
    }

    private StoredBucket Held(int index) => _lazy![index] ?? throw NotComplete();

    private static InvalidOperationException NotComplete() =>
        new("This book holds only some of the owner's buckets; load the owner whole for this.");

    [MemberNotNull(nameof(_buckets), nameof(_withRemark), nameof(_entries))]
    private void Materialize(IEnumerable<Stored<RemarkBucket>> stored)
    {
        var buckets = new List<Stored<RemarkBucket>>(stored);
        _lazy = null;
        _estimatedBytes = 0;
        // Sized once for what is stored: a dictionary grown by doubling keeps up to half its room empty.
        _entries = new Dictionary<string, FriendEntry>(buckets.Sum(bucket => bucket.Value.Friends.Count), StringComparer.Ordinal);
        for (var index = 0; index < buckets.Count; index++)
        {
            foreach (var entry in buckets[index].Value.Friends)
            {
                if (BucketIndexOf(entry.FriendUserId) == index)
                {
                    _entries[entry.FriendUserId] = entry;
                    _estimatedBytes += EntrySize.Of(entry);
                }
            }
        }

        // Sorted once, not friend by friend.
        _withRemark = new OrdinalSortedIds(_entries.Values.Where(entry => entry.Latest.LeavesRemark).Select(entry => entry.FriendUserId));

        for (var index = 0; index < buckets.Count; index++)
        {
            buckets[index] = WithStrayEntriesSettled(buckets, index, buckets[index]);
        }

        _buckets = buckets;
    }

    private static int IndexOfFriend(IReadOnlyList<FriendEntry> friends, string friendUserId)
    {
        for (var i = 0; i < friends.Count; i++)
        {
            if (string.Equals(friends[i].FriendUserId, friendUserId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
