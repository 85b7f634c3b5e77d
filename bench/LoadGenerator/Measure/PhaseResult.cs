namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <param name="Ok">Requests completed successfully inside the measured window.</param>
/// <param name="Errors">Requests that failed inside the measured window (not acknowledged, wrong answer, exception).</param>
/// <param name="PerSecond">Successful requests per second of the measured window.</param>
public sealed record PhaseResult(
    string Name,
    int Connections,
    double Seconds,
    long Ok,
    long Errors,
    double PerSecond,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double? TargetRatePerSecond)
{
    public static PhaseResult From(string name, int connections, TimeSpan window, LatencyHistogram latencies, long errors, double? targetRate = null) =>
        new(
            name,
            connections,
            Math.Round(window.TotalSeconds, 3),
            latencies.Count,
            errors,
            Math.Round(latencies.Count / window.TotalSeconds, 1),
            Ms(latencies.Count == 0 ? 0 : latencies.SumMicroseconds / latencies.Count),
            Ms(latencies.PercentileMicroseconds(50)),
            Ms(latencies.PercentileMicroseconds(90)),
            Ms(latencies.PercentileMicroseconds(99)),
            Ms(latencies.MaxMicroseconds),
            targetRate is { } rate ? Math.Round(rate, 1) : null);

    private static double Ms(double microseconds) => Math.Round(microseconds / 1000.0, 3);
}
