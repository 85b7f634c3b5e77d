namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>Sizes and durations of a run: the full run, or the short one CI runs.</summary>
public sealed record RunProfile(
    int Owners,
    int FriendsPerOwner,
    double CallbacksPerSecond,
    int Workers,
    TimeSpan Warmup,
    TimeSpan Observe,
    TimeSpan PostgresOutage,
    TimeSpan Settle)
{
    public static RunProfile Full { get; } = new(
        Owners: 3000,
        FriendsPerOwner: 2,
        CallbacksPerSecond: 300,
        Workers: 48,
        Warmup: TimeSpan.FromSeconds(10),
        Observe: TimeSpan.FromSeconds(35),
        PostgresOutage: TimeSpan.FromSeconds(10),
        Settle: TimeSpan.FromSeconds(5));

    public static RunProfile Short { get; } = new(
        Owners: 2000,
        FriendsPerOwner: 2,
        CallbacksPerSecond: 200,
        Workers: 48,
        Warmup: TimeSpan.FromSeconds(5),
        // At least the 30 s recovery bound: on a busy machine failure detection can take longer
        // than 20 s, which is still within the bound and must not fail the run.
        Observe: TimeSpan.FromSeconds(32),
        PostgresOutage: TimeSpan.FromSeconds(5),
        Settle: TimeSpan.FromSeconds(3));
}
