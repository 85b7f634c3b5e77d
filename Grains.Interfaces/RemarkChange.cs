namespace OrleansRemarks.Grains.Interfaces;

/// <summary>
/// A remark set on a friend. An empty <paramref name="Remark"/> clears it. <paramref name="OperationId"/>
/// is OpenIM's operationID header; null or empty never counts as a duplicate.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkChange")]
public sealed record RemarkChange(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string Remark,
    [property: Id(2)] string? OperationId);
