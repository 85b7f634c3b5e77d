namespace OrleansRemarks.Grains.Storage;

/// <summary>What an activation loads (<see cref="OwnerStateStore.ReadAllAsync"/>): the layout, its buckets (parsed on first use) and, when asked for, the sync position.</summary>
public sealed record OwnerSnapshot(Stored<BucketLayout> Layout, StoredBucket[] Buckets, Stored<SyncMark>? Sync);

/// <summary>What a read of a few friends loads (<see cref="OwnerStateStore.ReadPartAsync"/>): the layout, some buckets (parsed on first use) and, when asked for, the sync position.</summary>
public sealed record OwnerPart(Stored<BucketLayout> Layout, IReadOnlyDictionary<int, StoredBucket> Buckets, Stored<SyncMark>? Sync);
