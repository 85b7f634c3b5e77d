namespace OrleansRemarks.FaultRunner.Verification;

/// <param name="Pairs">Pairs checked.</param>
/// <param name="LostInApi">Pairs whose last acknowledged change the query API does not show.</param>
/// <param name="LostInDatabase">Pairs whose last acknowledged change PostgreSQL does not hold.</param>
/// <param name="Unexpected">Pairs holding a remark that no rule allows (in the API or PostgreSQL).</param>
/// <param name="Unreadable">Pairs the query API would not answer for, even after retries.</param>
/// <param name="LaterErroredApplied">Pairs holding the remark of a failed callback sent after the last acknowledged one (allowed).</param>
/// <param name="AppliedChanges">Changes the grains applied, summed from the stored buckets.</param>
/// <param name="Examples">A few failing pairs, for the log.</param>
public sealed record VerificationReport(
    int Pairs,
    int LostInApi,
    int LostInDatabase,
    int Unexpected,
    int Unreadable,
    int LaterErroredApplied,
    long AppliedChanges,
    IReadOnlyList<string> Examples)
{
    /// <summary>Pairs with an acknowledged change missing anywhere (counted once per pair).</summary>
    public int Lost { get; init; }
}
