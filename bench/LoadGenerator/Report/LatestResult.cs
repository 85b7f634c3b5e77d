using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>bench/results/latest.json: one run's figures, ratios and target checks.</summary>
public sealed record LatestResult(
    string GeneratedAtUtc,
    string Mode,
    string? Commit,
    MachineInfo Machine,
    IReadOnlyDictionary<string, string> Settings,
    SuiteResult Ours,
    SuiteResult Baseline,
    PgbenchResult Pgbench,
    Ratios Ratios,
    IReadOnlyList<TargetCheck> Targets,
    bool AllTargetsMet,
    int Lost,
    ColdReport? Cold = null,
    MemoryResult? Memory = null);
