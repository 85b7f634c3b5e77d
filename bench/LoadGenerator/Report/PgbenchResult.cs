namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <param name="PerSecond">pgbench's tps (without initial connection time).</param>
public sealed record PgbenchResult(
    int Clients,
    long Transactions,
    long Failed,
    double PerSecond,
    double MeanMs,
    double P50Ms,
    double P99Ms);
