namespace OrleansRemarks.Grains.Interfaces;

/// <summary>The owner grain's answer to "may this owner change one more remark now?".</summary>
/// <param name="Allowed">True when the change was counted; false when the owner is at the limit (nothing was counted).</param>
/// <param name="ChangesInLastMinute">Changes counted for the owner in the last 60 s, this one included when allowed.</param>
/// <param name="RetryAfterSeconds">When refused: whole seconds until the oldest counted change leaves the window; else 0.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkRateDecision")]
public sealed record RemarkRateDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int ChangesInLastMinute,
    [property: Id(2)] int RetryAfterSeconds);
