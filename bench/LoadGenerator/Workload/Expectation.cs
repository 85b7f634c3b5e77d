namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>
/// What a pair must read back as. <paramref name="Acknowledged"/> is the last remark the service
/// acknowledged; a later request that failed may or may not have been applied, so its remark
/// (<paramref name="Unconfirmed"/>) is accepted too.
/// </summary>
public sealed record Expectation(string? Acknowledged, string? Unconfirmed)
{
    public bool Accepts(string? stored) =>
        (stored is not null && (stored == Acknowledged || stored == Unconfirmed))
        || (stored is null && Acknowledged is null);
}
