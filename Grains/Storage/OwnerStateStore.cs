using Orleans.Storage;
using OrleansRemarks.Grains.Remarks;

namespace OrleansRemarks.Grains.Storage;

/// <summary>Reads and writes one owner's layout and buckets as separate named states; counts every confirmed write.</summary>
public sealed class OwnerStateStore(IGrainStorage storage, GrainId grainId, RemarkStorageMetrics metrics)
{
    private const int MaxParallelReads = 16;

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

    /// <summary>Writes a split of bucket <see cref="BucketSplit.OldIndex"/>, known as <paramref name="old"/>, under <paramref name="layout"/>.</summary>
    /// <returns>What is now stored: the layout, the old bucket with what it kept, the new bucket.</returns>
    public async Task<(Stored<BucketLayout> Layout, Stored<RemarkBucket> Kept, Stored<RemarkBucket> Moved)> WriteSplitAsync(
        Stored<BucketLayout> layout, Stored<RemarkBucket> old, BucketSplit split)
    {
        var target = await ReadBucketAsync(split.NewIndex);
        var moved = await WriteBucketAsync(split.NewIndex, target, split.Moved);
        var newLayout = await WriteLayoutAsync(layout, split.Layout);
        var kept = await WriteBucketAsync(split.OldIndex, old, split.Kept);
        return (newLayout, kept, moved);
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
