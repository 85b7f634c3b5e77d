using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>The targets of issue 5, checked against the ratios of one run.</summary>
public static class Targets
{
    public static Ratios Compute(SuiteResult ours, SuiteResult baseline, PgbenchResult pgbench) => new(
        Ratio(ours.Ingest.PerSecond, baseline.Ingest.PerSecond),
        Ratio(ours.Ingest.PerSecond, pgbench.PerSecond),
        Ratio(ours.Get.PerSecond, baseline.Get.PerSecond),
        Ratio(ours.Lookup.PerSecond, baseline.Lookup.PerSecond),
        ours.LargeOwner?.LatencyRatioP50 ?? double.NaN,
        ours.LargeOwner?.WalBytesRatio ?? double.NaN);

    public static IReadOnlyList<TargetCheck> Check(SuiteResult ours, SuiteResult baseline, Ratios ratios)
    {
        var lost = ours.ReadBack.Lost + baseline.ReadBack.Lost;
        var halfPeakP99 = ours.IngestAtHalfPeak?.P99Ms ?? double.NaN;
        var beforeP99 = ours.BeforeCallback?.P99Ms ?? double.NaN;
        return
        [
            new("ingest", "callbacks/s ours ≥ 0.8 × baseline", ratios.IngestOursOverBaseline, ratios.IngestOursOverBaseline >= 0.8),
            new("lookup get", "single GETs/s ours ≥ 2 × baseline", ratios.GetOursOverBaseline, ratios.GetOursOverBaseline >= 2),
            new("lookup 100", "100-ID lookups/s ours ≥ 2 × baseline", ratios.LookupOursOverBaseline, ratios.LookupOursOverBaseline >= 2),
            new("large owner latency", "change p50, 10,000 friends ≤ 1.5 × 10 friends", ratios.LargeOverSmallChangeLatencyP50, ratios.LargeOverSmallChangeLatencyP50 <= 1.5),
            new("large owner bytes", "WAL bytes per change, 10,000 friends ≤ 1.5 × 10 friends", ratios.LargeOverSmallWalBytes, ratios.LargeOverSmallWalBytes <= 1.5),
            new("callback p99", "p99 ≤ 50 ms at half the peak rate (ms)", halfPeakP99, halfPeakP99 <= 50),
            new("policy decision p99", "before-callback p99 ≤ 20 ms at the ingest rate (ms)", beforeP99, beforeP99 <= 20),
            new("lost", "acknowledged callbacks not read back = 0", lost, lost == 0),
        ];
    }

    private static double Ratio(double ours, double other) => other > 0 ? Math.Round(ours / other, 2) : double.NaN;
}
