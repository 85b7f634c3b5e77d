using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// A friend's last applied changes, newest last. The current remark is the newest change's, so it
/// is not stored twice; an entry stays after a clear or delete so a late replay is still recognised.
/// </summary>
public sealed record FriendEntry(
    [property: JsonPropertyName("f")] string FriendUserId,
    [property: JsonPropertyName("h")] IReadOnlyList<AppliedChange> History)
{
    [JsonIgnore]
    public AppliedChange Latest => History[^1];
}
