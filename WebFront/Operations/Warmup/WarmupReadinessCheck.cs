using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansRemarks.WebFront.Operations.Warmup;

/// <summary>
/// Not ready while the start-up warm-up runs (<see cref="StartupWarmup"/>); a load balancer sends no
/// traffic meanwhile. Degraded, not Unhealthy: an expected state, logged as a warning, and
/// <c>/health/ready</c> answers 503 for it all the same.
/// </summary>
public sealed class WarmupReadinessCheck(WarmupProgress progress) : IHealthCheck
{
    public const string Name = "warmup";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(progress.Summary is { } summary
            ? HealthCheckResult.Healthy(summary)
            : HealthCheckResult.Degraded(
                $"Warming up: {progress.ReadsDone} of {progress.ReadsPlanned} first reads done, then a wait until the runtime " +
                "stops compiling (Warmup:Reads, Warmup:MaxSeconds)."));
}
