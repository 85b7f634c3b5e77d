using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// A friend's last applied changes, newest last. The current remark is the newest change's, so it
/// is not stored twice; an entry stays after a clear or delete so a late replay is still recognised
/// (until the replay window forgets it, see <c>ReplayWindow</c>).
/// </summary>
public sealed record FriendEntry(
    [property: JsonPropertyName("f")] string FriendUserId,
    [property: JsonPropertyName("h")] IReadOnlyList<AppliedChange> History)
{
    /// <summary>
    /// Changes with an operationID that were answered "unchanged" (nothing to apply), newest last:
    /// remembered apart from <see cref="History"/> so a late copy of one is a duplicate, while the
    /// remark's time and the owner's version stay those of the changes that were applied. Null when none.
    /// </summary>
    [JsonPropertyName("u")]
    public IReadOnlyList<AppliedChange>? Unchanged { get; init; }

    /// <summary>The newest applied change; the default (no remark) for an entry that only remembers unchanged ones.</summary>
    [JsonIgnore]
    public AppliedChange Latest => History.Count > 0 ? History[^1] : default;
}
