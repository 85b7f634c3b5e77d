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
