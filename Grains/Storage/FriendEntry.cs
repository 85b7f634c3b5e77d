using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// A friend's last applied changes, newest last. The current remark is the newest change's, so it
/// is not stored twice; an entry stays after a clear or delete so a late replay is still recognised
/// (until the replay window forgets it, see <c>ReplayWindow</c>).
/// </summary>
/// <remarks>
/// The change lists are held as arrays of exactly their length, whatever they were given as: the
/// JSON reader hands over a List with room for four (about 100 bytes more per friend held).
/// </remarks>
public sealed record FriendEntry(
    [property: JsonPropertyName("f"), JsonPropertyOrder(0)] string FriendUserId,
    IReadOnlyList<AppliedChange> History)
{
    private readonly IReadOnlyList<AppliedChange> _history = Exact(History)!;
    private readonly IReadOnlyList<AppliedChange>? _unchanged;

    [JsonPropertyName("h")]
    [JsonPropertyOrder(1)]
    public IReadOnlyList<AppliedChange> History
    {
        get => _history;
        init => _history = Exact(value)!;
    }

    /// <summary>
    /// Changes with an operationID that were answered "unchanged" (nothing to apply), newest last:
    /// remembered apart from <see cref="History"/> so a late copy of one is a duplicate, while the
    /// remark's time and the owner's version stay those of the changes that were applied. Null when none.
    /// </summary>
    [JsonPropertyName("u")]
    [JsonPropertyOrder(2)]
    public IReadOnlyList<AppliedChange>? Unchanged
    {
        get => _unchanged;
        init => _unchanged = Exact(value);
    }

    /// <summary>The newest applied change; the default (no remark) for an entry that only remembers unchanged ones.</summary>
    [JsonIgnore]
    public AppliedChange Latest => _history.Count > 0 ? _history[^1] : default;

    private static IReadOnlyList<AppliedChange>? Exact(IReadOnlyList<AppliedChange>? changes) =>
        (changes is null or AppliedChange[]) ? changes : changes.ToArray();
}
