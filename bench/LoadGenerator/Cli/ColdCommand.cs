using OrleansRemarks.Bench.LoadGenerator.Http;
using OrleansRemarks.Bench.LoadGenerator.Phases;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Cli;

/// <summary>
/// <c>cold --step seed|read</c>: the cold phase (issue #14 item 2). bench/run.sh seeds, restarts the
/// receiver, then reads. <c>--large-owners 0</c> for the baseline (its first read of a row).
/// </summary>
public static class ColdCommand
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var owners = new ColdOwners(
            options.Int("small-owners", 1000), options.Int("small-friends", 10),
            options.Int("large-owners", 20), options.Int("large-friends", 10_000), options.Int("warmup-owners", 20));
        var withLarge = owners.LargeOwners > 0;
        var connections = options.Int("connections", 32);
        await using var api = new RawRemarkApi(new Uri(options.Text("url")), connections);
        switch (options.Text("step"))
        {
            case "seed":
                var (errors, seconds) = await ColdPhase.SeedAsync(api, connections, owners, withLarge);
                Progress($"cold: seeded {owners.SmallOwners} × {owners.SmallFriends}" + (withLarge ? $" and {owners.LargeOwners} × {owners.LargeFriends}" : "")
                    + $" friends in {seconds} s ({errors} failed)");
                return errors > 0 ? CommandDispatcher.BrokenRunExitCode : 0;
            case "read":
                var result = await ColdPhase.ReadAsync(options.Text("target"), api, owners, withLarge);
                Progress($"cold: first read p50/p99 {result.SmallP50Ms}/{result.SmallP99Ms} ms ({owners.SmallFriends} friends)"
                    + (withLarge ? $", {result.LargeP50Ms}/{result.LargeP99Ms} ms ({owners.LargeFriends} friends)" : "") + $", {result.Errors} errors");
                await ResultFiles.WriteAsync(options.Text("out"), result, BenchJsonContext.Default.ColdResult);
                return result.Errors > 0 ? CommandDispatcher.BrokenRunExitCode : 0;
            default:
                throw new ArgumentException("cold --step must be seed or read.");
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[loadgen {DateTime.Now:HH:mm:ss}] {message}");
}
