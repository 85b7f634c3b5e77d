using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.Silo.Operations;

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

/// <summary>
/// Ready while PostgreSQL answers <c>SELECT 1</c> within <see cref="Timeout"/>. Each probe opens its
/// own connection (no pool), so a broken pooled connection cannot make a recovered database look down.
/// </summary>
public sealed class PostgresReadinessCheck(IOptions<PostgresOptions> postgres) : IHealthCheck
{
    public const string Name = "postgresql";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly string _probeConnectionString = new NpgsqlConnectionStringBuilder(postgres.Value.ConnectionString)
    {
        Pooling = false,
        Timeout = (int)Timeout.TotalSeconds,
        CommandTimeout = (int)Timeout.TotalSeconds,
    }.ConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await ProbeAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answered.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: messages can name hosts, and this answer may reach unauthenticated callers.
            return HealthCheckResult.Unhealthy($"PostgreSQL is unreachable ({exception.GetType().Name}).");
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_probeConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
