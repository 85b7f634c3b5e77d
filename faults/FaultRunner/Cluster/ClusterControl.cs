using System.Diagnostics;

namespace OrleansRemarks.FaultRunner.Cluster;

/// <summary>
/// Drives the local cluster's processes through scripts/cluster.sh (kill -9, SIGTERM, start,
/// pg_ctl stop/start), each command bounded in time. Its output goes to this process's stderr.
/// </summary>
public sealed class ClusterControl(string scriptPath)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(180);

    public Task KillAsync(string name) => RunAsync("kill", name);

    public Task StopAsync(string name) => RunAsync("stop", name);

    public Task StartAsync(string name) => RunAsync("start", name);

    public Task StopPostgresAsync() => RunAsync("pg-stop");

    public Task StartPostgresAsync() => RunAsync("pg-start");

    private async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true };
        start.ArgumentList.Add(scriptPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} failed with exit code {process.ExitCode}");
        }
    }
}
