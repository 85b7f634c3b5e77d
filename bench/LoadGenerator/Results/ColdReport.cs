namespace OrleansRemarks.Bench.LoadGenerator.Results;

/// <summary>The cold phase of ours and of the baseline, as latest.json reports it (<c>cold.largeP50Ms</c>, …).</summary>
public sealed record ColdReport(
    int SmallOwners,
    int SmallFriends,
    int LargeOwners,
    int LargeFriends,
    double SmallP50Ms,
    double SmallP99Ms,
    double? LargeP50Ms,
    double? LargeP99Ms,
    double? LargeMaxMs,
    double BaselineP50Ms,
    double BaselineP99Ms,
    long Errors)
{
    public static ColdReport From(ColdResult ours, ColdResult baseline) => new(
        ours.SmallOwners, ours.SmallFriends, ours.LargeOwners, ours.LargeFriends,
        ours.SmallP50Ms, ours.SmallP99Ms, ours.LargeP50Ms, ours.LargeP99Ms, ours.LargeMaxMs,
        baseline.SmallP50Ms, baseline.SmallP99Ms, ours.Errors + baseline.Errors);
}
