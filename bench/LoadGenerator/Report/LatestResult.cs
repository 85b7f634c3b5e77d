using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>
/// bench/results/latest.json: one run's figures, ratios and target checks. <see cref="Ours"/> and
/// <see cref="Ratios"/> are the first topology measured (co-hosted unless the run was restricted to
/// the separate one; <c>settings.topology</c> says which); <see cref="Separate"/> is the separate
/// topology when the run measured both. <see cref="Targets"/> holds every target of every topology.
/// </summary>
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
    TopologyResult? Separate,
    IReadOnlyList<TargetCheck> Targets,
    bool AllTargetsMet,
    int Lost,
    ColdReport? Cold = null,
    MemoryResult? Memory = null);
