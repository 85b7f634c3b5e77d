using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansRemarks.WebFront.Operations;

/// <summary>
/// Ready when the cluster answers: a management-grain call (the silo reads its own membership view;
/// no storage is touched) returns at least one active silo within <see cref="Timeout"/>.
/// </summary>
public sealed class ClusterReadinessCheck(IClusterClient cluster) : IHealthCheck
{
    public const string Name = "cluster";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var activeSilos = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return activeSilos.Count > 0
                ? HealthCheckResult.Healthy($"The cluster answered: {activeSilos.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("The cluster answered, but no silo is active.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The cluster did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The type only: messages can hold addresses, and this answer may reach unauthenticated callers.
            return HealthCheckResult.Unhealthy($"The cluster did not answer ({exception.GetType().Name}).");
        }
    }
}
