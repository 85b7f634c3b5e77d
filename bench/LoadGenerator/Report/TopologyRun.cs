using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>
/// What one topology's targets are checked against: its suite, and the baseline and pgbench of the
/// same run (both measured once and shared by every topology).
/// </summary>
/// <param name="Topology"><see cref="Topologies.CoHosted"/> or <see cref="Topologies.Separate"/>.</param>
public sealed record TopologyRun(string Topology, SuiteResult Ours, SuiteResult Baseline, PgbenchResult Pgbench)
{
    public Ratios Ratios { get; } = Ratios.Compute(Ours, Baseline, Pgbench);
}
