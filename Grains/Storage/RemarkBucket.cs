using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// One slice of an owner's friends, persisted as its own named state so a change rewrites only
/// this slice. <see cref="AppliedChanges"/> counts the changes applied through this bucket; the
/// owner's version is the sum over all buckets, so it stays exact without a second write.
/// </summary>
/// <remarks><see cref="Friends"/> is held as an array of exactly its length (the JSON reader hands over a List with spare room).</remarks>
public sealed record RemarkBucket(
    [property: JsonPropertyName("applied"), JsonPropertyOrder(0)] long AppliedChanges,
    IReadOnlyList<FriendEntry> Friends)
{
    public static readonly RemarkBucket Empty = new();

    private readonly IReadOnlyList<FriendEntry> _friends = Exact(Friends);

    [JsonPropertyName("friends")]
    [JsonPropertyOrder(1)]
    public IReadOnlyList<FriendEntry> Friends
    {
        get => _friends;
        init => _friends = Exact(value);
    }

    /// <summary>A bucket never written. The provider needs this constructor.</summary>
    public RemarkBucket()
        : this(0, [])
    {
    }

    private static IReadOnlyList<FriendEntry> Exact(IReadOnlyList<FriendEntry> friends) =>
        (friends is FriendEntry[]) ? friends : friends.ToArray();
}
