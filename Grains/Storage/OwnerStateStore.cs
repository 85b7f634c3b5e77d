using Orleans.Storage;
using OrleansRemarks.Grains.Remarks;

namespace OrleansRemarks.Grains.Storage;

/// <summary>Reads and writes one owner's layout and buckets as separate named states; counts every confirmed write.</summary>
public sealed class OwnerStateStore(IGrainStorage storage, GrainId grainId, RemarkStorageMetrics metrics)
{
    private const int MaxParallelReads = 16;

    private static readonly string[] LayoutOnly = [StateNames.Layout];
    private static readonly string[] LayoutAndSync = [StateNames.Layout, StateNames.Sync];

    public Task<Stored<BucketLayout>> ReadLayoutAsync() => ReadAsync(StateNames.Layout, BucketLayout.Initial);

    public Task<Stored<RemarkBucket>> ReadBucketAsync(int index) => ReadAsync(StateNames.Bucket(index), RemarkBucket.Empty);

    public async Task<Stored<RemarkBucket>[]> ReadBucketsAsync(int count)
    {
        var buckets = new Stored<RemarkBucket>[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads },
            async (index, _) => buckets[index] = await ReadBucketAsync(index));
        return buckets;
    }

    /// <summary>Whether the bucket's stored version is still the one <paramref name="known"/> holds (one read).</summary>
    public async Task<bool> IsCurrentAsync(int index, Stored<RemarkBucket> known) =>
        string.Equals((await ReadBucketAsync(index)).ETag, known.ETag, StringComparison.Ordinal);

    /// <summary>Writes <paramref name="value"/> over the version <paramref name="current"/> holds; returns what is now stored.</summary>
    public Task<Stored<RemarkBucket>> WriteBucketAsync(int index, Stored<RemarkBucket> current, RemarkBucket value) =>
        WriteAsync(StateNames.Bucket(index), current, value);

    public Task<Stored<SyncMark>> ReadSyncAsync() => ReadAsync(StateNames.Sync, SyncMark.Never);

    public Task<Stored<SyncMark>> WriteSyncAsync(Stored<SyncMark> current, SyncMark value) =>
        WriteAsync(StateNames.Sync, current, value);

    /// <summary>
    /// Writes a split in one statement (one round trip): the layout, the old bucket without the moved
    /// entries and the new bucket. The layout and the old bucket are version-checked (a layout never
    /// stored must still be absent), so a duplicate activation's write to either makes the whole
    /// split fail instead of being overwritten or left beside a moved copy. The new bucket replaces
    /// whatever row is stored under its name: a row past the layout is not the owner's.
    /// <paramref name="layout"/> and <paramref name="old"/> are the layout and the old bucket as the split was planned from them.
    /// </summary>
    /// <returns>What is now stored: the layout, the old bucket with what it kept, the new bucket.</returns>
    public async Task<(Stored<BucketLayout> Layout, Stored<RemarkBucket> Kept, Stored<RemarkBucket> Moved)> WriteSplitAsync(
        Stored<BucketLayout> layout, Stored<RemarkBucket> old, BucketSplit split)
    {
        if (storage is not IAtomicGrainStorage atomic)
        {
            throw new InvalidOperationException($"Splitting a bucket needs an {nameof(IAtomicGrainStorage)}, not {storage.GetType().Name}.");
        }

        var layoutState = new GrainState<BucketLayout>(split.Layout) { ETag = layout.ETag, RecordExists = layout.Exists };
        var keptState = new GrainState<RemarkBucket>(split.Kept) { ETag = old.ETag, RecordExists = old.Exists };
        var movedState = new GrainState<RemarkBucket>(split.Moved);
        StateWrite[] writes =
        [
            StateWrite.Of(StateNames.Layout, layoutState),
            StateWrite.Of(StateNames.Bucket(split.OldIndex), keptState),
            StateWrite.Replacing(StateNames.Bucket(split.NewIndex), movedState),
        ];
        await atomic.WriteTogetherAsync(grainId, writes);
        foreach (var write in writes)
        {
            metrics.RecordWrite(write.StateName, write.PayloadBytes);
        }

        return (new Stored<BucketLayout>(split.Layout, layoutState.ETag, true),
            new Stored<RemarkBucket>(split.Kept, keptState.ETag, true),
            new Stored<RemarkBucket>(split.Moved, movedState.ETag, true));
    }

    /// <summary>
    /// The layout and every bucket it names, as one consistent picture, and with
    /// <paramref name="withSync"/> the sync position too. With an <see cref="IAtomicGrainStorage"/>
    /// that is one query (one snapshot, so a split committed meanwhile is either wholly seen or not
    /// at all); otherwise the layout is read again after the buckets, and everything is read anew
    /// if a split committed in between.
    /// </summary>
    public async Task<OwnerSnapshot> ReadAllAsync(bool withSync = false)
    {
        if (storage is IAtomicGrainStorage atomic
            && await atomic.ReadStatesAsync(grainId, withSync ? LayoutAndSync : LayoutOnly, StateNames.BucketPrefix) is { } states)
        {
            var stored = states.Get(StateNames.Layout, BucketLayout.Initial);
            // Rows of buckets past the layout (a split that never committed) are not the owner's.
            // Left as stored JSON: the owner's book parses a bucket when it first needs one of its friends.
            var read = new StoredBucket[stored.Value.BucketCount];
            for (var index = 0; index < read.Length; index++)
            {
                read[index] = states.GetBucket(StateNames.Bucket(index));
            }

            return new OwnerSnapshot(stored, read, withSync ? states.Get(StateNames.Sync, SyncMark.Never) : null);
        }

        var sync = withSync ? ReadSyncAsync() : null;
        var layout = await ReadLayoutAsync();
        while (true)
        {
            var buckets = await ReadBucketsAsync(layout.Value.BucketCount);
            var after = await ReadLayoutAsync();
            if (string.Equals(after.ETag, layout.ETag, StringComparison.Ordinal))
            {
                return new OwnerSnapshot(layout, [.. buckets.Select(StoredBucket.Of)], sync is null ? null : await sync);
            }

            layout = after;
        }
    }

    /// <summary>
    /// The layout and the buckets <paramref name="indexes"/> (and with <paramref name="withSync"/>
    /// the sync position) in one query: one index probe per state, whatever the owner's size. A
    /// bucket with no row is the empty bucket its absence means. Null when the storage cannot read
    /// states together (then read everything with <see cref="ReadAllAsync"/>).
    /// </summary>
    public async Task<OwnerPart?> ReadPartAsync(IReadOnlyCollection<int> indexes, bool withSync)
    {
        if (storage is not IAtomicGrainStorage atomic)
        {
            return null;
        }

        var names = new List<string>(indexes.Count + 2) { StateNames.Layout };
        if (withSync)
        {
            names.Add(StateNames.Sync);
        }

        names.AddRange(indexes.Select(StateNames.Bucket));
        if (await atomic.ReadStatesAsync(grainId, names, stateNamePrefix: null) is not { } states)
        {
            return null;
        }

        var buckets = new Dictionary<int, StoredBucket>(indexes.Count);
        foreach (var index in indexes)
        {
            buckets[index] = states.GetBucket(StateNames.Bucket(index));
        }

        return new OwnerPart(states.Get(StateNames.Layout, BucketLayout.Initial), buckets, withSync ? states.Get(StateNames.Sync, SyncMark.Never) : null);
    }

    public Task<Stored<BucketLayout>> WriteLayoutAsync(Stored<BucketLayout> current, BucketLayout value) =>
        WriteAsync(StateNames.Layout, current, value);

    private async Task<Stored<T>> ReadAsync<T>(string stateName, T empty)
        where T : class
    {
        var state = new GrainState<T>(empty);
        await storage.ReadStateAsync(stateName, grainId, state);
        return new Stored<T>(state.State ?? empty, state.ETag, state.RecordExists);
    }

    private async Task<Stored<T>> WriteAsync<T>(string stateName, Stored<T> current, T value)
    {
        var state = new GrainState<T>(value) { ETag = current.ETag, RecordExists = current.Exists };
        var payloadBytes = WrittenPayload.StartMeasuring();
        await storage.WriteStateAsync(stateName, grainId, state);
        metrics.RecordWrite(stateName, payloadBytes.Value);
        return new Stored<T>(value, state.ETag, true);
    }
}
