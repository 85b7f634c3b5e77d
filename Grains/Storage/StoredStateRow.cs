namespace OrleansRemarks.Grains.Storage;

/// <summary>One stored state row as read: its name, its payload (null after a clear) and its version.</summary>
public sealed record StoredStateRow(string StateName, byte[]? Payload, int Version);
