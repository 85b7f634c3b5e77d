namespace OrleansRemarks.Grains.Interfaces;

/// <summary>
/// The owner IDs a web front reads while it warms up before it reports ready
/// (WebFront/Operations/Warmup). They start with U+FFFF, a Unicode noncharacter that no OpenIM user
/// ID holds, so they never name a real owner; the owner's grain never reconciles them with OpenIM.
/// Warm-up only reads them, so nothing of them is stored.
/// </summary>
public static class WarmupOwners
{
    public const string Prefix = "\uFFFFwarmup/";

    /// <summary>The <paramref name="index"/>th warm-up owner of one warm-up <paramref name="run"/> (a process start).</summary>
    public static string Id(string run, int index)
    {
        ArgumentException.ThrowIfNullOrEmpty(run);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return $"{Prefix}{run}/{index}";
    }

    public static bool Is(string ownerUserId) => ownerUserId.StartsWith(Prefix, StringComparison.Ordinal);
}
