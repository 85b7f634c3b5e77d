namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// One grain's state update waiting for its batch. <see cref="Completion"/> yields the version the
/// update returned, or null when it was not applied, once the batch committed.
/// </summary>
public sealed class PendingStateWrite(StateRowKey row, int expectedVersion, ReadOnlyMemory<byte> payload)
{
    /// <summary>
    /// An <see cref="ExpectedVersion"/> that accepts whatever is stored, or nothing: only in writes
    /// of several states together (<see cref="StateWriteBatcher.WriteTogetherAsync"/>).
    /// </summary>
    public const int AnyVersion = -1;

    public StateRowKey Row { get; } = row;

    /// <summary>The stored version the write requires; in writes together also 0 (not stored yet) or <see cref="AnyVersion"/>.</summary>
    public int ExpectedVersion { get; } = expectedVersion;

    /// <summary>
    /// The state name's hash as the ADO.NET provider computes it, stored with a row this write
    /// creates; only writes together can create rows.
    /// </summary>
    public int GrainTypeHash { get; init; }

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    /// <remarks>
    /// Continuations run synchronously: a grain awaiting this resumes through its own scheduler anyway,
    /// so completing it only queues the grain's next step, without an extra thread-pool hop.
    /// </remarks>
    public TaskCompletionSource<int?> Completion { get; } = new();
}
