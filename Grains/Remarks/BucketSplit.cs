using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>
/// One linear-hashing split: bucket <see cref="OldIndex"/> gives the entries that now hash to
/// <see cref="NewIndex"/> to a new bucket. Written as one statement with the new layout
/// (<see cref="Storage.OwnerStateStore.WriteSplitAsync"/>): stored wholly or not at all.
/// </summary>
public sealed record BucketSplit(int OldIndex, RemarkBucket Kept, int NewIndex, RemarkBucket Moved, BucketLayout Layout);
