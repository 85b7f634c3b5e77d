namespace OrleansRemarks.Bench.LoadGenerator.Results;

/// <param name="SeedSeconds">How long seeding both owners through the callback endpoint took.</param>
public sealed record LargeOwnerResult(
    ChangeCost Large,
    ChangeCost Small,
    double SeedSeconds,
    long SeedErrors,
    double LatencyRatioP50,
    double WalBytesRatio);
