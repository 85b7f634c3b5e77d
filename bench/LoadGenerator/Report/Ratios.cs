using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>
/// Throughput ratios (ours / other) and the large-owner cost ratios (large / small) of one topology,
/// all from one run. A phase that was not run gives NaN (written as "NaN"). New ratios go at the end
/// with a default, so older result files still read.
/// </summary>
public sealed record Ratios(
    double IngestOursOverBaseline,
    double IngestOursOverPgbench,
    double GetOursOverBaseline,
    double LookupOursOverBaseline,
    double LargeOverSmallChangeLatencyP50,
    double LargeOverSmallWalBytes,
    double? ColdLargeOverSmall = null,
    double? ColdSmallOverBaseline = null)
{
    public static Ratios Compute(SuiteResult ours, SuiteResult baseline, PgbenchResult pgbench) => new(
        Of(ours.Ingest.PerSecond, baseline.Ingest.PerSecond),
        Of(ours.Ingest.PerSecond, pgbench.PerSecond),
        Of(ours.Get.PerSecond, baseline.Get.PerSecond),
        Of(ours.Lookup.PerSecond, baseline.Lookup.PerSecond),
        ours.LargeOwner?.LatencyRatioP50 ?? double.NaN,
        ours.LargeOwner?.WalBytesRatio ?? double.NaN);

    /// <summary><paramref name="value"/> / <paramref name="other"/> to two decimals; NaN when there is nothing to divide by.</summary>
    public static double Of(double value, double other) => other > 0 ? Math.Round(value / other, 2) : double.NaN;
}
