using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>A further topology of the same run: its suite and its ratios against the run's one baseline and pgbench.</summary>
/// <param name="Ratios">The same keys as the top-level <c>ratios</c>.</param>
public sealed record TopologyResult(string Topology, SuiteResult Ours, Ratios Ratios);
