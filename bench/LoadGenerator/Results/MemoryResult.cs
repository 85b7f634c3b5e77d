namespace OrleansRemarks.Bench.LoadGenerator.Results;

/// <summary>
/// The memory phase: the silo's managed heap (after a full collection) and RSS with no owner active
/// and with every owner active, per remark held (total and the growth), per owner (growth), and
/// PostgreSQL's size of the grain state table (with its indexes and TOAST) per remark.
/// </summary>
public sealed record MemoryResult(
    int Owners,
    int FriendsPerOwner,
    long Remarks,
    long HeapBytesIdle,
    long HeapBytes,
    long RssBytesIdle,
    long RssBytes,
    double BytesPerRemarkHeap,
    double BytesPerRemarkRss,
    double AddedBytesPerRemarkHeap,
    double AddedBytesPerRemarkRss,
    double AddedHeapBytesPerOwner,
    double ActivationSeconds,
    long Errors,
    long PostgresTableBytes,
    long PostgresRows,
    double PostgresBytesPerRemark);
