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

public sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string Note)
{
    public static MachineInfo Describe(string note)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(Environment.ProcessorCount, cpu ?? "unknown", Math.Round(memory, 1), note);
    }
}

/// <summary>A further topology of the same run: its suite and its ratios against the run's one baseline and pgbench.</summary>
/// <param name="Ratios">The same keys as the top-level <c>ratios</c>.</param>
public sealed record TopologyResult(string Topology, SuiteResult Ours, Ratios Ratios);

/// <param name="Topology">The topology whose figures were checked (<see cref="Topologies"/>).</param>
public sealed record TargetCheck(string Name, string Topology, string Requirement, double Actual, bool Met);
