using System.Net;
using System.Text.Json;
using OrleansRemarks.OpenImDouble;
using OrleansRemarks.Tests.Http;
using OrleansRemarks.Tests.Infrastructure;
using OrleansRemarks.Tests.Operations;
using Xunit.Abstractions;

namespace OrleansRemarks.Tests.Sync;

/// <summary>
/// The service as an OpenIM deployment drives it, end to end over HTTP: a co-hosted web front,
/// callbacks sent like OpenIM sends them (two workers, a bounded queue, drops, no retries), 15 % of
/// edits through update_friends (no callback), deletes, and owners whose remarks predate the service.
/// </summary>
public sealed class ConvergenceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task With_reconciliation_every_pair_equals_OpenIM_once_a_sweep_interval_has_passed()
    {
        await using var openIm = await OpenImApiDouble.StartAsync();
        var trial = new OpenImTrial(openIm, new Random(11));
        trial.SeedOwnersWithOldRemarks(owners: 10, friends: 8);
        trial.SeedLiveOwners(owners: 40, friends: 10);
        await using var webFront = await StartAsync(openIm, reconcile: true);
        using var client = webFront.CreateClient();

        await trial.RunEditsAsync(client, edits: 1_200);
        var right = await trial.DriftAsync(client);
        output.WriteLine($"with reconciliation, right after the edits: {right.Wrong} of {right.Pairs} pairs differ ({right.Share:P1}); {trial.Dropped} callbacks dropped");

        var settled = await Eventually.ReturnsAsync(() => trial.DriftAsync(client), drift => drift.Wrong == 0,
            SweepInterval + TimeSpan.FromSeconds(60), "every pair equal to OpenIM's");
        output.WriteLine($"with reconciliation, after the sweep: {settled.Wrong} of {settled.Pairs} pairs differ");
        Assert.True(settled.Pairs > 300, $"the trial compares {settled.Pairs} pairs");

        // One more sync on request: nothing left to change, the shape the API documents.
        using var sync = await client.PostAsync("/api/v1/users/pre-0/remarks:sync", content: null);
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        using var report = JsonDocument.Parse(await sync.Content.ReadAsStringAsync());
        Assert.Equal(0, report.RootElement.GetProperty("added").GetInt32() + report.RootElement.GetProperty("updated").GetInt32() + report.RootElement.GetProperty("removed").GetInt32());
        Assert.Equal(JsonValueKind.False, report.RootElement.GetProperty("full").ValueKind);
        Assert.True(report.RootElement.GetProperty("version").GetInt64() > 0);

        using var status = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sync/status"));
        Assert.True(status.RootElement.GetProperty("configured").GetBoolean());
        Assert.True(status.RootElement.GetProperty("sweep").GetProperty("number").GetInt64() >= 1);

        // A quiet sweep (the next one to start): one get_incremental_friends per user, nothing else.
        var quiet = status.RootElement.GetProperty("sweep").GetProperty("number").GetInt64() + 1;
        await Eventually.ReturnsAsync(() => SweepAsync(client), sweep => sweep.Number >= quiet, SweepInterval * 3, "the next sweep to start");
        openIm.ResetCalls();
        await Eventually.ReturnsAsync(() => SweepAsync(client), sweep => sweep.Number > quiet || !sweep.Running, SweepInterval * 3, "a whole sweep without edits");
        var users = openIm.Users().Count;
        var incremental = openIm.Calls("/friend/get_incremental_friends");
        output.WriteLine($"a quiet sweep: {incremental} get_incremental_friends and {openIm.Calls("/user/get_all_users_uid")} get_all_users_uid calls for {users} users");
        Assert.Equal(0, openIm.Calls("/friend/get_designated_friends") + openIm.Calls("/friend/get_full_friend_user_ids"));
        Assert.InRange(incremental, users * 9 / 10, users);

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("orleansremarks_syncs_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("orleansremarks_sync_changes_total{", metrics, StringComparison.Ordinal);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("orleansremarks_openim_requests_total{", StringComparison.Ordinal)
            && line.Contains("endpoint=\"/friend/get_incremental_friends\"", StringComparison.Ordinal)
            && line.Contains("outcome=\"ok\"", StringComparison.Ordinal));
        Assert.Contains("orleansremarks_sync_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_only_the_same_trial_drifts_from_OpenIM()
    {
        await using var openIm = await OpenImApiDouble.StartAsync();
        var trial = new OpenImTrial(openIm, new Random(11));
        trial.SeedOwnersWithOldRemarks(owners: 10, friends: 8);
        trial.SeedLiveOwners(owners: 40, friends: 10);
        await using var webFront = await StartAsync(openIm, reconcile: false);
        using var client = webFront.CreateClient();

        await trial.RunEditsAsync(client, edits: 1_200);
        var drift = await trial.DriftAsync(client);
        output.WriteLine($"callback-only: {drift.Wrong} of {drift.Pairs} pairs differ ({drift.Share:P1}); {trial.Dropped} callbacks dropped");
        Assert.True(drift.Wrong > 0, "a callback-only copy misses update_friends edits, dropped callbacks and old remarks");
        Assert.Equal(0, openIm.TotalCalls);

        using var sync = await client.PostAsync("/api/v1/users/pre-0/remarks:sync", content: null);
        await RemarkApi.AssertProblemAsync(sync, HttpStatusCode.Conflict);
        using var status = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sync/status"));
        Assert.False(status.RootElement.GetProperty("configured").GetBoolean());

        // An owner ID the service cannot key is refused before any grain is asked.
        using var invalid = await client.PostAsync($"/api/v1/users/{new string('x', 300)}/remarks:sync", content: null);
        await RemarkApi.AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
    }

    private static async Task<(long Number, bool Running)> SweepAsync(HttpClient client)
    {
        using var status = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sync/status"));
        var sweep = status.RootElement.GetProperty("sweep");
        return (sweep.GetProperty("number").GetInt64(), sweep.GetProperty("running").GetBoolean());
    }

    private static async Task<WebFrontProcess> StartAsync(OpenImApiDouble openIm, bool reconcile)
    {
        var settings = (await DeploymentIdentity.CreateAsync(await SharedPostgres.GetAsync(), "converge")).Settings();
        settings["Orleans__CoHostSilo"] = "true";
        settings["Orleans__Endpoints__SiloPort"] = FreeTcpPort.Next().ToString();
        settings["Orleans__Endpoints__GatewayPort"] = FreeTcpPort.Next().ToString();
        if (reconcile)
        {
            settings["OpenIM__ApiUrl"] = openIm.BaseAddress.ToString();
            settings["OpenIM__Secret"] = openIm.Secret;
            settings["Reconcile__Interval"] = SweepInterval.ToString("c");
            settings["Reconcile__AfterCallbackDelay"] = "00:00:01";
            settings["Reconcile__MaxRequestsPerSecond"] = "200";
        }

        return await WebFrontProcess.StartAsync(settings);
    }
}
