using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>
/// One linear-hashing split: bucket <see cref="OldIndex"/> gives the entries that now hash to
/// <see cref="NewIndex"/> to a new bucket. Written in the order new bucket, layout, old bucket,
/// so a crash at any point leaves every entry readable (load drops copies in the wrong bucket).
/// </summary>
public sealed record BucketSplit(int OldIndex, RemarkBucket Kept, int NewIndex, RemarkBucket Moved, BucketLayout Layout);
