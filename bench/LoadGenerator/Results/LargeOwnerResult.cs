namespace OrleansRemarks.Bench.LoadGenerator.Results;

/// <param name="SeedSeconds">How long seeding the owners through the callback endpoint took.</param>
/// <param name="NonAscii">An owner as large as <paramref name="Large"/> whose remarks are Chinese with emoji.</param>
/// <param name="UnchangedWithOperationId">
/// Callbacks to the large owner that set the remark a friend already has, with a new operationID:
/// answered "unchanged", and remembered by a bucket write so a late copy cannot revert a newer remark.
/// </param>
public sealed record LargeOwnerResult(
    ChangeCost Large,
    ChangeCost Small,
    double SeedSeconds,
    long SeedErrors,
    double LatencyRatioP50,
    double WalBytesRatio,
    ChangeCost? NonAscii = null,
    ChangeCost? UnchangedWithOperationId = null);
