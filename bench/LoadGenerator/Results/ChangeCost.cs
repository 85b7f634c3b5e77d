namespace OrleansRemarks.Bench.LoadGenerator.Results;

/// <param name="WalBytesMedian">Median WAL bytes one acknowledged change produced (measured around each change).</param>
/// <param name="StoredRows">Rows the owner's state occupies, when known.</param>
/// <param name="StoredBytes">The owner's whole stored state (payload bytes), when known.</param>
public sealed record ChangeCost(
    string Owner,
    int Friends,
    int Changes,
    long Errors,
    double P50Ms,
    double P99Ms,
    double MeanMs,
    long WalBytesMedian,
    double WalBytesMean,
    long? StoredRows,
    long? StoredBytes);
