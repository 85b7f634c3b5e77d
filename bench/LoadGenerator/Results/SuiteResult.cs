using OrleansRemarks.Bench.LoadGenerator.Measure;

namespace OrleansRemarks.Bench.LoadGenerator.Results;

public sealed record SuiteResult(
    string Target,
    int Connections,
    int Owners,
    int FriendsPerOwner,
    PhaseResult Ingest,
    PhaseResult? IngestAtHalfPeak,
    PhaseResult Get,
    PhaseResult Lookup,
    LargeOwnerResult? LargeOwner,
    ReadBackResult ReadBack,
    PhaseResult? BeforeCallback = null);

/// <param name="Acknowledged">Callbacks the service acknowledged during the whole suite.</param>
/// <param name="PairsChecked">Distinct (owner, friend) pairs read back; each must hold its last acknowledged remark.</param>
/// <param name="Lost">Pairs that read back anything else: an acknowledged change that is not durable.</param>
/// <param name="Unreadable">Pairs whose lookup failed after retries (a broken run, not a loss).</param>
public sealed record ReadBackResult(long Acknowledged, int PairsChecked, int Lost, int Unreadable, double Seconds);
