using System.Net;
using Npgsql;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.OpenImDouble;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Operations;

/// <summary>
/// The start-up warm-up of a real web front (co-hosted silo, real PostgreSQL, OpenIM reconciliation
/// configured against the OpenIM API double): /health/ready stays 503 until it ended, its reads go
/// through the process's own HTTP listener, and its owners are neither reconciled with OpenIM nor stored.
/// </summary>
public sealed class WarmupTests
{
    private const int Reads = 40;

    [Fact]
    public async Task A_web_front_is_ready_only_after_its_warm_up_whose_owners_are_neither_synced_nor_stored()
    {
        await using var openIm = await OpenImApiDouble.StartAsync();
        var identity = await DeploymentIdentity.CreateAsync(await SharedPostgres.GetAsync(), "warmup");
        var settings = identity.Settings();
        settings["Orleans__CoHostSilo"] = "true";
        settings["Orleans__Endpoints__SiloPort"] = FreeTcpPort.Next().ToString();
        settings["Orleans__Endpoints__GatewayPort"] = FreeTcpPort.Next().ToString();
        settings["OpenIM__ApiUrl"] = openIm.BaseAddress.ToString();
        settings["OpenIM__Secret"] = openIm.Secret;
        settings["Warmup__Reads"] = Reads.ToString();
        await using var webFront = await WebFrontProcess.StartAsync(settings);
        using var client = webFront.CreateClient();

        // The process answers HTTP before it is ready: the warm-up waits at least two quiet seconds of the compiler.
        var warming = await HealthAnswer.GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, warming.Status);
        Assert.Equal("Degraded", warming.CheckStatus("warmup"));
        Assert.StartsWith("Warming up:", warming.CheckDescription("warmup"), StringComparison.Ordinal);

        var ready = await Eventually.ReturnsAsync(() => HealthAnswer.GetAsync(client, "/health/ready"),
            answer => answer.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "WebFront /health/ready 200 after the warm-up");
        Assert.Equal("Healthy", ready.CheckStatus("warmup"));
        Assert.Contains($"{Reads} first reads (0 failed)", ready.CheckDescription("warmup"), StringComparison.Ordinal);
        Assert.Contains($"through http://127.0.0.1:{webFront.BaseAddress.Port}/", webFront.Output, StringComparison.Ordinal);

        // Reads of a never-synced owner ask OpenIM; the warm-up's forty did not.
        Assert.Equal(0, openIm.Calls("/friend/get_incremental_friends"));
        Assert.Equal(0, await StoredWarmupRowsAsync(identity.ConnectionString));
        using var control = await client.GetAsync("/api/v1/users/control-owner/remarks/f1");
        Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
        await Eventually.ReturnsAsync(() => Task.FromResult(openIm.Calls("/friend/get_incremental_friends")), calls => calls > 0,
            TimeSpan.FromSeconds(30), "the control owner's read asking OpenIM");
    }

    private static async Task<long> StoredWarmupRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans_grain_state WHERE starts_with(grain_id_extension, $1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = UserFriendsGrainKey.For(WarmupOwners.Prefix) } },
        };
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
