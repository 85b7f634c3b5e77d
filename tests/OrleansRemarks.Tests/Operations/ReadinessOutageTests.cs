using System.Diagnostics;
using System.Net;
using Npgsql;

namespace OrleansRemarks.Tests.Operations;

/// <summary>
/// /health/ready follows what the process depends on: the silo's goes 503 while PostgreSQL is down,
/// the web front's while no silo answers; both are 200 again once it is back, without a restart.
/// A callback that outlasts Callback:TimeoutSeconds is answered 503, never success. Every test
/// leaves the deployment healthy.
/// </summary>
public sealed class ReadinessOutageTests(OutageServiceFixture service) : IClassFixture<OutageServiceFixture>
{
    private static readonly TimeSpan ChangeWithin = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Silo_is_not_ready_while_postgresql_is_down_and_ready_again_after()
    {
        await service.Postgres.StopAsync();
        HealthAnswer down;
        try
        {
            down = await WaitForSiloReadyAsync(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await service.Postgres.StartAsync();
        }

        Assert.Equal("Unhealthy", down.OverallStatus);
        Assert.Equal("Unhealthy", down.CheckStatus("postgresql"));
        Assert.Equal("Healthy", down.CheckStatus("membership"));
        Assert.Equal(HttpStatusCode.OK, (await HealthAnswer.GetAsync(service.SiloClient, "/health/live")).Status);
        var up = await WaitForSiloReadyAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", up.CheckStatus("postgresql"));
    }

    [Fact]
    public async Task WebFront_is_not_ready_without_a_silo_and_ready_again_when_one_joins()
    {
        await service.StopSiloAsync();
        HealthAnswer down;
        try
        {
            down = await WaitForWebFrontReadyAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.OK, (await HealthAnswer.GetAsync(service.Client, "/health/live")).Status);
        }
        finally
        {
            await service.StartSiloAsync();
        }

        Assert.Equal("Unhealthy", down.CheckStatus("cluster"));
        var up = await WaitForWebFrontReadyAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", up.CheckStatus("cluster"));
        (await service.Callbacks.SetRemarkAsync("rejoined-" + Guid.NewGuid().ToString("N")[..8], "f", "r", "op-1")).AssertSuccess();
    }

    [Fact]
    public async Task Callback_that_outlasts_the_timeout_is_503_and_counted_as_failed()
    {
        var owner = "slow-" + Guid.NewGuid().ToString("N")[..8];
        var before = await MetricsScrape.TakeAsync(service.Client);
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Grain state can be neither read nor written until the transaction ends.
        await using (var command = new NpgsqlCommand("LOCK TABLE orleans_grain_state IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var reply = await service.Callbacks.SetRemarkAsync(owner, "f", "late", "op-slow");
        clock.Stop();
        await transaction.RollbackAsync();

        reply.AssertFailure(HttpStatusCode.ServiceUnavailable, 25001);
        Assert.Contains("Callback:TimeoutSeconds", reply.Body);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(OutageServiceFixture.CallbackTimeoutSeconds - 0.5), TimeSpan.FromSeconds(15));
        var after = await MetricsScrape.TakeAsync(service.Client);
        (string, string)[] failed = [("command", "callbackAfterSetFriendRemarkCommand"), ("outcome", "failed")];
        Assert.Equal(1, after.Sum("orleansremarks_callbacks_total", failed) - before.Sum("orleansremarks_callbacks_total", failed));
        // The grain went on once the lock was gone: the reply said "may still be applied", and it was.
        await Eventually.ReturnsAsync(() => service.Remarks.GetAsync(owner, "f"), remark => remark?.Remark == "late", ChangeWithin, "The late change");
    }

    private Task<HealthAnswer> WaitForSiloReadyAsync(HttpStatusCode status) => Eventually.ReturnsAsync(
        () => HealthAnswer.GetAsync(service.SiloClient, "/health/ready"), answer => answer.Status == status, ChangeWithin, $"Silo /health/ready {(int)status}");

    private Task<HealthAnswer> WaitForWebFrontReadyAsync(HttpStatusCode status) => Eventually.ReturnsAsync(
        () => HealthAnswer.GetAsync(service.Client, "/health/ready"), answer => answer.Status == status, ChangeWithin, $"WebFront /health/ready {(int)status}");
}
