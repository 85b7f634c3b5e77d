using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// One slice of an owner's friends, persisted as its own named state so a change rewrites only
/// this slice. <see cref="AppliedChanges"/> counts the changes applied through this bucket; the
/// owner's version is the sum over all buckets, so it stays exact without a second write.
/// </summary>
public sealed record RemarkBucket(
    [property: JsonPropertyName("applied")] long AppliedChanges,
    [property: JsonPropertyName("friends")] IReadOnlyList<FriendEntry> Friends)
{
    public static readonly RemarkBucket Empty = new();

    /// <summary>A bucket never written. The provider needs this constructor.</summary>
    public RemarkBucket()
        : this(0, [])
    {
    }
}
