namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// One grain's state update waiting for its batch. <see cref="Completion"/> yields the version the
/// update returned, or null when it was not applied, once the batch committed.
/// </summary>
public sealed class PendingStateWrite(StateRowKey row, int expectedVersion, ReadOnlyMemory<byte> payload)
{
    public StateRowKey Row { get; } = row;

    public int ExpectedVersion { get; } = expectedVersion;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    /// <remarks>
    /// Continuations run synchronously: a grain awaiting this resumes through its own scheduler anyway,
    /// so completing it only queues the grain's next step, without an extra thread-pool hop.
    /// </remarks>
    public TaskCompletionSource<int?> Completion { get; } = new();
}
