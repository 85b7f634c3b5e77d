namespace OrleansRemarks.Grains.Interfaces;

// What the owner grain is asked to change, and its answers. Stored and wire contracts: keep every
// [Id] and [Alias] as they are.

/// <summary>
/// A remark set on a friend. An empty <paramref name="Remark"/> clears it. <paramref name="OperationId"/>
/// is OpenIM's operationID header; null or empty never counts as a duplicate.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkChange")]
public sealed record RemarkChange(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string Remark,
    [property: Id(2)] string? OperationId);

/// <summary>The owner is no longer friends with <paramref name="FriendUserId"/>: its remark goes too.</summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.FriendRemoval")]
public sealed record FriendRemoval(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string? OperationId);

[GenerateSerializer, Alias("OrleansRemarks.RemarkChangeOutcome")]
public enum RemarkChangeOutcome
{
    /// <summary>The change was written to storage and the owner's version grew by one.</summary>
    Applied = 0,

    /// <summary>The change equals the current state; nothing was written.</summary>
    Unchanged = 1,

    /// <summary>A replay of one of the last changes applied to this pair; nothing was written.</summary>
    Duplicate = 2,
}

/// <param name="Outcome">What the change did.</param>
/// <param name="OwnerVersion">The owner's version after the call: the count of changes ever applied.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkChangeResult")]
public sealed record RemarkChangeResult(
    [property: Id(0)] RemarkChangeOutcome Outcome,
    [property: Id(1)] long OwnerVersion);

/// <summary>The owner grain's answer to "may this owner change one more remark now?".</summary>
/// <param name="Allowed">True when the change was counted; false when the owner is at the limit (nothing was counted).</param>
/// <param name="ChangesInLastMinute">Changes counted for the owner in the last 60 s, this one included when allowed.</param>
/// <param name="RetryAfterSeconds">When refused: whole seconds until the oldest counted change leaves the window; else 0.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkRateDecision")]
public sealed record RemarkRateDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int ChangesInLastMinute,
    [property: Id(2)] int RetryAfterSeconds);
