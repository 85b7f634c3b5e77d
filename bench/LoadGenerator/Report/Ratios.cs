namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>Throughput ratios (ours / other) and the large-owner cost ratios (large / small), all from one run.</summary>
public sealed record Ratios(
    double IngestOursOverBaseline,
    double IngestOursOverPgbench,
    double GetOursOverBaseline,
    double LookupOursOverBaseline,
    double LargeOverSmallChangeLatencyP50,
    double LargeOverSmallWalBytes,
    double? ColdLargeOverSmall = null,
    double? ColdSmallOverBaseline = null);
