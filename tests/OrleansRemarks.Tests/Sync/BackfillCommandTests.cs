using System.Diagnostics;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.OpenImDouble;
using OrleansRemarks.Tests.Cluster;
using OrleansRemarks.Tests.Infrastructure;
using OrleansRemarks.Tests.Operations;

namespace OrleansRemarks.Tests.Sync;

/// <summary>The operator's backfill (<c>OrleansRemarks.Silo backfill</c>) against a running silo process.</summary>
public sealed class BackfillCommandTests
{
    [Fact]
    public async Task Backfill_brings_remarks_that_predate_the_service_and_an_interrupted_run_continues_where_it_stopped()
    {
        await using var openIm = await OpenImApiDouble.StartAsync();
        for (var o = 0; o < 10; o++)
        {
            openIm.AddFriend($"old-{o}", $"old-{o}-friend");
            openIm.SetRemark($"old-{o}", $"old-{o}-friend", $"set before the service, {o}");
        }

        var deployment = await DeploymentIdentity.CreateAsync(await SharedPostgres.GetAsync(), "backfill");
        var settings = new Dictionary<string, string>
        {
            ["OpenIM__ApiUrl"] = openIm.BaseAddress.ToString(),
            ["OpenIM__Secret"] = openIm.Secret,
            // 20 users × 3 calls at 3 calls/s: the sweep takes about 20 s, long enough to interrupt.
            ["Reconcile__MaxRequestsPerSecond"] = "3",
        };
        await using var silo = await SiloProcess.StartAsync(deployment.ConnectionString, deployment.ClusterId, deployment.ServiceId,
            FreeTcpPort.Next(), FreeTcpPort.Next(), settings: settings);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Orleans"] = deployment.ConnectionString,
            ["Orleans__ClusterId"] = deployment.ClusterId,
            ["Orleans__ServiceId"] = deployment.ServiceId,
        };

        await using var client = await GatewayClient.ConnectAsync(silo.GatewayPort, deployment.ClusterId, deployment.ServiceId);
        var sweep = client.Client.GetGrain<ISweepGrain>(ISweepGrain.Key);
        using (var first = Process.Start(SiloProcess.CreateStartInfo([Name], environment))!)
        {
            var output = first.StandardOutput.ReadToEndAsync();
            await Eventually.ReturnsAsync(() => sweep.GetStatusAsync(), status => status.FullRate && status.OwnersDone >= 1,
                TimeSpan.FromSeconds(60), "the backfill's sweep under way");
            // Ctrl-C.
            Process.Start("kill", ["-INT", first.Id.ToString()])!.WaitForExit();
            await first.WaitForExitAsync();
            var printed = await output;
            Assert.True(first.ExitCode == 130, $"exit code {first.ExitCode}, not 130; it printed: {printed}");
            Assert.Contains("the sweep goes on in the cluster", printed, StringComparison.Ordinal);
        }

        var interrupted = await sweep.GetStatusAsync();
        Assert.True(interrupted.Running && interrupted.FullRate, $"the sweep goes on without its watcher: {interrupted}");
        Assert.InRange(interrupted.OwnersDone, 1, 19);

        var run = await SiloProcess.RunToExitAsync([Name], environment, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains($"Sweep {interrupted.Number} finished: 20 owners", run.StandardOutput, StringComparison.Ordinal);

        var done = await sweep.GetStatusAsync();
        Assert.Equal((interrupted.Number, false, 20L), (done.Number, done.Running, done.OwnersDone));
        for (var o = 0; o < 10; o++)
        {
            var remark = await client.Client.GetUserFriendsGrain($"old-{o}").GetRemarkAsync($"old-{o}-friend");
            Assert.Equal($"set before the service, {o}", remark?.Remark);
        }
    }

    [Fact]
    public async Task Backfill_without_OpenIM_settings_on_the_silos_says_so_with_exit_code_2()
    {
        var deployment = await DeploymentIdentity.CreateAsync(await SharedPostgres.GetAsync(), "nobackfill");
        await using var silo = await SiloProcess.StartAsync(deployment.ConnectionString, deployment.ClusterId, deployment.ServiceId,
            FreeTcpPort.Next(), FreeTcpPort.Next());
        var run = await SiloProcess.RunToExitAsync([Name], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Orleans"] = deployment.ConnectionString,
            ["Orleans__ClusterId"] = deployment.ClusterId,
            ["Orleans__ServiceId"] = deployment.ServiceId,
        }, TimeSpan.FromMinutes(1));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("OpenIM:ApiUrl", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("OpenIM:ApiUrl is not set: running callback-only", silo.Output, StringComparison.Ordinal);
    }

    private const string Name = "backfill";
}
