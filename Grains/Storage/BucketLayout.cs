using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Linear-hashing layout of an owner's buckets: there are 2^Level + SplitPointer buckets, and
/// bucket SplitPointer is the next to split. Stored as its own small state, written only on a split.
/// </summary>
public sealed record BucketLayout(
    [property: JsonPropertyName("level")] int Level,
    [property: JsonPropertyName("split")] int SplitPointer)
{
    public static readonly BucketLayout Initial = new();

    /// <summary>The layout of an owner with no stored layout yet: one bucket. The provider needs this constructor.</summary>
    public BucketLayout()
        : this(0, 0)
    {
    }

    [JsonIgnore]
    public int BucketCount => (1 << Level) + SplitPointer;

    public int BucketOf(uint hash)
    {
        var bucket = (int)(hash & (uint)((1 << Level) - 1));
        return bucket < SplitPointer ? (int)(hash & (uint)((2 << Level) - 1)) : bucket;
    }

    /// <summary>The bucket that the next split creates out of bucket <see cref="SplitPointer"/>.</summary>
    [JsonIgnore]
    public int NextNewBucket => SplitPointer + (1 << Level);

    public BucketLayout AfterSplit() =>
        SplitPointer + 1 == 1 << Level ? new BucketLayout(Level + 1, 0) : this with { SplitPointer = SplitPointer + 1 };
}
