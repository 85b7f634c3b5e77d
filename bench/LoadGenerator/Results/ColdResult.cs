namespace OrleansRemarks.Bench.LoadGenerator.Results;

/// <summary>First reads after a restart (cold phase) of one receiver; the large figures are null for the baseline.</summary>
public sealed record ColdResult(
    string Target,
    int SmallOwners,
    int SmallFriends,
    int LargeOwners,
    int LargeFriends,
    double SmallP50Ms,
    double SmallP99Ms,
    double? LargeP50Ms,
    double? LargeP99Ms,
    double? LargeMaxMs,
    long Errors);
