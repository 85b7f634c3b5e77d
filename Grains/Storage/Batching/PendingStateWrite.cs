namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// One grain's state update waiting for its batch. <see cref="Completion"/> yields the version the
/// write query returned (the expected version or null means it was not applied), once the batch committed.
/// </summary>
public sealed class PendingStateWrite(StateRowKey row, int expectedVersion, byte[] payload)
{
    public StateRowKey Row { get; } = row;

    public int ExpectedVersion { get; } = expectedVersion;

    public byte[] Payload { get; } = payload;

    public TaskCompletionSource<int?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
