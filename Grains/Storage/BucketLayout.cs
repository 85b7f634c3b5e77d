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

    /// <summary>
    /// The deepest level whose owners a read of a few friends covers without knowing the layout
    /// (<see cref="PossibleHomes"/>): 2^16 buckets, about 1.1 million friends. Deeper owners are read whole.
    /// </summary>
    public const int MaxPartLevel = 16;

    public int BucketOf(uint hash)
    {
        var bucket = (int)(hash & (uint)((1 << Level) - 1));
        return bucket < SplitPointer ? (int)(hash & (uint)((2 << Level) - 1)) : bucket;
    }

    /// <summary>
    /// The buckets that can hold a copy of the friend with <paramref name="hash"/> in this layout:
    /// its own bucket and the buckets it was split out of (hash mod 2^k for every smaller k), where
    /// a split written before splits were atomic may have left a stray copy. A split never moves a
    /// stray copy on (it is not the new bucket's), so no other bucket can hold one.
    /// </summary>
    public IEnumerable<int> HomesOf(uint hash) => Chain(hash, BucketOf(hash) < 1 << Level ? Level : Level + 1);

    /// <summary>
    /// The buckets that can hold the friend with <paramref name="hash"/> in any layout up to
    /// <see cref="MaxPartLevel"/>: what <see cref="HomesOf"/> gives for each of them.
    /// </summary>
    public static IEnumerable<int> PossibleHomes(uint hash) => Chain(hash, MaxPartLevel + 1);

    /// <summary>hash mod 2^k for k = 0 … <paramref name="depth"/>, each once (0 first).</summary>
    private static IEnumerable<int> Chain(uint hash, int depth)
    {
        yield return 0;
        for (var k = 1; k <= depth; k++)
        {
            var bucket = (int)(hash & (uint)((1 << k) - 1));
            if (bucket >= 1 << (k - 1))
            {
                yield return bucket;
            }
        }
    }

    /// <summary>The bucket that the next split creates out of bucket <see cref="SplitPointer"/>.</summary>
    [JsonIgnore]
    public int NextNewBucket => SplitPointer + (1 << Level);

    public BucketLayout AfterSplit() =>
        SplitPointer + 1 == 1 << Level ? new BucketLayout(Level + 1, 0) : this with { SplitPointer = SplitPointer + 1 };
}
