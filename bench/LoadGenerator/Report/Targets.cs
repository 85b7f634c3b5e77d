namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>
/// The targets (issues 5 and 14), each checked per topology against ratios measured in the same run.
/// A new target is one more <see cref="TargetRule"/> in <see cref="Rules"/>.
/// </summary>
public static class Targets
{
    public static IReadOnlyList<TargetRule> Rules { get; } =
    [
        new("ingest", "callbacks/s ours ≥ {0} × baseline", run => run.Ratios.IngestOursOverBaseline, AtMost: false, CoHosted: 1.1, Separate: 1.0),
        new("lookup get", "single GETs/s ours ≥ {0} × baseline", run => run.Ratios.GetOursOverBaseline, AtMost: false, CoHosted: 2.5, Separate: 2),
        new("lookup 100", "100-ID lookups/s ours ≥ {0} × baseline", run => run.Ratios.LookupOursOverBaseline, AtMost: false, CoHosted: 3.5, Separate: 2),
        new("large owner latency", "change p50, 10,000 friends ≤ {0} × 10 friends", run => run.Ratios.LargeOverSmallChangeLatencyP50, AtMost: true, CoHosted: 1.5, Separate: 1.5),
        new("large owner bytes", "WAL bytes per change, 10,000 friends ≤ {0} × 10 friends", run => run.Ratios.LargeOverSmallWalBytes, AtMost: true, CoHosted: 1.5, Separate: 1.5),
        new("callback p99", "p99 ≤ {0} ms at half the peak rate (ms)", run => run.Ours.IngestAtHalfPeak?.P99Ms ?? double.NaN, AtMost: true, CoHosted: 50, Separate: 50),
        new("policy decision p99", "before-callback p99 ≤ {0} ms at the ingest rate (ms)", run => run.Ours.BeforeCallback?.P99Ms ?? double.NaN, AtMost: true, CoHosted: 20, Separate: 20),
        new("lost", "acknowledged callbacks not read back = {0}", run => run.Ours.ReadBack.Lost + run.Baseline.ReadBack.Lost, AtMost: true, CoHosted: 0, Separate: 0),
    ];

    /// <summary>Every rule that applies, for every topology run, in rule order within each topology.</summary>
    public static IReadOnlyList<TargetCheck> Check(IEnumerable<TopologyRun> runs) =>
        [.. runs.SelectMany(run => Rules.Select(rule => rule.Check(run)).OfType<TargetCheck>())];
}
