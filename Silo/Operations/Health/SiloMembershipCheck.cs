using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansRemarks.Silo.Operations.Health;

/// <summary>Ready while this silo's own membership status is Active (not joining, shutting down or declared dead).</summary>
public sealed class SiloMembershipCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public const string Name = "membership";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("This silo is Active in the cluster's membership.")
            : HealthCheckResult.Unhealthy($"This silo is {status} in the cluster's membership, not Active."));
    }
}
