using System.Globalization;

namespace OrleansRemarks.Bench.LoadGenerator.Phases;

/// <summary>
/// The owners of the cold phase and what each friend's remark is. Deterministic, because the owners
/// are seeded by one load generator process and read back by another after the service restarted.
/// </summary>
public sealed record ColdOwners(int SmallOwners, int SmallFriends, int LargeOwners, int LargeFriends, int WarmupOwners)
{
    public static string Small(int index) => (5_000_000_000L + index).ToString(CultureInfo.InvariantCulture);

    public static string Large(int index) => (5_100_000_000L + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>Owners read before the measured ones, so the first measured read is not the process's first (JIT, connections).</summary>
    public static string Warmup(int index) => (5_200_000_000L + index).ToString(CultureInfo.InvariantCulture);

    public static string Friend(int index) => (6_000_000_000L + index).ToString(CultureInfo.InvariantCulture);

    public static string Remark(string owner, int friend) => string.Create(CultureInfo.InvariantCulture, $"cold {owner[^4..]}.{friend}");

    /// <summary>Every (owner, friend count) to seed: warm-up and small owners, then the large ones.</summary>
    public IEnumerable<(string Owner, int Friends)> All(bool withLarge) =>
        Enumerable.Range(0, WarmupOwners).Select(i => (Warmup(i), SmallFriends))
            .Concat(Enumerable.Range(0, SmallOwners).Select(i => (Small(i), SmallFriends)))
            .Concat(withLarge ? Enumerable.Range(0, LargeOwners).Select(i => (Large(i), LargeFriends)) : []);
}
