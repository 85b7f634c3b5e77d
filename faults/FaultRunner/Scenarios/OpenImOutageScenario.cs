using System.Diagnostics;
using OrleansRemarks.FaultRunner.Reporting;
using OrleansRemarks.OpenImDouble;

namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>
/// OpenIM's REST API goes down and comes back while an OpenIM-like deployment edits remarks
/// (callbacks sent as OpenIM sends them, 15 % of edits through update_friends, deletes, owners with
/// old remarks). It runs its own co-hosted web front that reconciles with an OpenIM API double, since
/// the shared cluster runs callback-only. Passes when callbacks are still acknowledged while OpenIM
/// is down and, once it is back, every pair equals OpenIM's data within one sweep interval.
/// </summary>
public sealed class OpenImOutageScenario(int basePort, string appDirectory)
{
    public const string ScenarioName = "openim-outage";

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    public string Name => ScenarioName;

    public string Description => $"OpenIM's API down for {Outage.TotalSeconds:0} s";

    public async Task<ScenarioResult> RunAsync(RunnerOptions options, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var failures = new List<string>();
        await using var openIm = await OpenImApiDouble.StartAsync();
        var trial = new OpenImTrial(openIm, new Random(7));
        trial.SeedOwnersWithOldRemarks(owners: 10, friends: 8);
        trial.SeedLiveOwners(owners: 40, friends: 10);
        var webPort = basePort + 452;
        using var webFront = StartWebFront(options, openIm, webPort);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await WaitUntilUpAsync(client, webFront, cancellationToken);
            ScenarioContext.Log($"{Name}: web front up on port {webPort}; edits start, OpenIM goes down after 3 s for {Outage.TotalSeconds:0} s");
            var edits = trial.RunEditsAsync(client, edits: 1_500);
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            openIm.Down = true;
            await Task.Delay(Outage, cancellationToken);
            var outageCalls = openIm.TotalCalls;
            openIm.Down = false;
            var back = Stopwatch.StartNew();
            await edits;
            notes.Add($"{trial.Acknowledged} of {trial.Sent} callbacks acknowledged, {trial.Dropped} dropped by the sender");
            if (trial.Acknowledged < trial.Sent)
            {
                failures.Add($"{trial.Sent - trial.Acknowledged} callbacks were not acknowledged: OpenIM's outage must not fail callbacks");
            }

            OpenImTrial.Drift drift;
            do
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                drift = await trial.DriftAsync(client);
            }
            while (drift.Wrong > 0 && back.Elapsed < SweepInterval + TimeSpan.FromSeconds(45));

            notes.Add($"{outageCalls} OpenIM calls answered 503 or earlier; equal to OpenIM {back.Elapsed.TotalSeconds:0.0} s after it came back ({drift.Pairs} pairs)");
            if (drift.Wrong > 0)
            {
                failures.Add($"{drift.Wrong} of {drift.Pairs} pairs still differ from OpenIM {back.Elapsed.TotalSeconds:0} s after it came back");
            }

            return new ScenarioResult(Name, Description, trial.Sent, trial.Acknowledged, trial.Sent - trial.Acknowledged, drift.Wrong, 0,
                back.Elapsed, notes, failures);
        }
        finally
        {
            await StopAsync(webFront);
        }
    }

    private Process StartWebFront(RunnerOptions options, OpenImApiDouble openIm, int webPort)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appDirectory, "webfront", "OrleansRemarks.WebFront.dll"), "--urls", $"http://127.0.0.1:{webPort}"])
        {
            WorkingDirectory = Path.Combine(appDirectory, "webfront"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = options.ConnectionString,
            ["Orleans__ClusterId"] = "faults-openim",
            ["Orleans__ServiceId"] = "faults-openim",
            ["Orleans__CoHostSilo"] = "true",
            ["Orleans__Endpoints__SiloPort"] = (basePort + 450).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = (basePort + 451).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenIM__ApiUrl"] = openIm.BaseAddress.ToString(),
            ["OpenIM__Secret"] = openIm.Secret,
            ["Reconcile__Interval"] = SweepInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Reconcile__AfterCallbackDelay"] = "00:00:01",
            ["Reconcile__MaxRequestsPerSecond"] = "200",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web front");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                ScenarioContext.Log($"{ScenarioName} web front: {text}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(HttpClient client, Process webFront, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (webFront.HasExited)
            {
                throw new InvalidOperationException($"the web front exited with code {webFront.ExitCode}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        throw new TimeoutException("the web front did not become ready within 90 s");
    }

    private static async Task StopAsync(Process webFront)
    {
        if (webFront.HasExited)
        {
            return;
        }

        // SIGTERM: the co-hosted silo leaves the cluster cleanly.
        Process.Start("kill", ["-TERM", webFront.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await webFront.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            webFront.Kill(entireProcessTree: true);
        }
    }
}
