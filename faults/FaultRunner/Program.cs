using OrleansRemarks.FaultRunner;
using OrleansRemarks.FaultRunner.Cluster;
using OrleansRemarks.FaultRunner.Load;
using OrleansRemarks.FaultRunner.Reporting;
using OrleansRemarks.FaultRunner.Scenarios;
using OrleansRemarks.FaultRunner.Verification;

RunnerOptions options;
IReadOnlyList<FaultScenario> scenarios;
try
{
    options = RunnerOptions.Parse(args);
    scenarios = ScenarioCatalog.Select(options);
}
catch (ArgumentException invalid)
{
    await Console.Error.WriteLineAsync($"{invalid.Message}{Environment.NewLine}{RunnerOptions.Usage}");
    return 2;
}

var profile = options.Profile;
using var client = new CallbackClient(options.Url, connections: 256, TimeSpan.FromSeconds(35));
var verifier = new Verifier(client, new DatabaseReader(options.ConnectionString, options.ServiceId), concurrency: 16);
var runner = new ScenarioRunner(
    client,
    verifier,
    new RecoveryProbe(client, concurrency: 64),
    new ClusterControl(options.ClusterScript),
    new ActivationCounter(options.ConnectionString, options.ClusterId, options.ServiceId),
    profile,
    runTag: DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));

var results = new List<ScenarioResult>();
foreach (var scenario in scenarios)
{
    ScenarioResult result;
    try
    {
        result = await runner.RunAsync(scenario);
    }
    catch (Exception exception)
    {
        ScenarioContext.Log($"{scenario.Name}: {exception}");
        result = new ScenarioResult(scenario.Name, scenario.Description, 0, 0, 0, 0, 0, null, [], [$"runner error: {exception.GetType().Name}: {exception.Message}"]);
    }

    Record(result);
}

// The OpenIM outage runs on its own co-hosted web front (the shared cluster runs callback-only).
if ((options.Scenarios.Count == 0 && !options.Short) || options.Scenarios.Contains(OpenImOutageScenario.ScenarioName))
{
    var appDirectory = Environment.GetEnvironmentVariable("ORLEANSREMARKS_APP_DIR") ?? Path.Combine(Path.GetDirectoryName(options.ClusterScript)!, "..", ".data", "app");
    var outage = new OpenImOutageScenario(options.BasePort, appDirectory);
    ScenarioResult result;
    try
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        result = await outage.RunAsync(options, deadline.Token);
    }
    catch (Exception exception)
    {
        ScenarioContext.Log($"{outage.Name}: {exception}");
        result = new ScenarioResult(outage.Name, outage.Description, 0, 0, 0, 0, 0, null, [], [$"runner error: {exception.GetType().Name}: {exception.Message}"]);
    }

    Record(result);
}

var table = ResultsTable.Render(results);
Console.WriteLine(table);
if (options.ResultsFile is { } file)
{
    await File.WriteAllTextAsync(file, table);
}

var failed = results.Count(result => !result.Passed);
Console.WriteLine(failed == 0 ? "fault runner: every scenario passed, nothing acknowledged was lost" : "fault runner: FAILED (see FAILURE lines above)");
Console.WriteLine($"faults: {results.Count - failed} passed, {failed} failed");
return failed == 0 ? 0 : 1;

void Record(ScenarioResult result)
{
    results.Add(result);
    ScenarioContext.Log($"{result.Name}: sent {result.Sent}, acknowledged {result.Acknowledged}, errors {result.Errors}, lost {result.Lost}, " +
        $"duplicates detected {result.DuplicatesDetected}, recovery {result.Recovery?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} s: {(result.Passed ? "pass" : "FAIL")}");
    foreach (var failure in result.Failures)
    {
        ScenarioContext.Log($"{result.Name}: FAILURE: {failure}");
    }
}
