using Npgsql;
using OrleansRemarks.Bench.LoadGenerator.Http;
using OrleansRemarks.Bench.LoadGenerator.Phases;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Cli;

/// <summary>
/// <c>memory --step seed|measure</c>: the memory phase (issue #14 item 3). bench/run.sh seeds the
/// owners into the migrated database, starts a Silo and a WebFront, then measures the silo.
/// </summary>
public static class MemoryCommand
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var data = new MemoryDataset(options.Int("owners", 20_000), options.Int("friends", 50));
        await using var postgres = NpgsqlDataSource.Create(options.Text("pg"));
        switch (options.Text("step"))
        {
            case "seed":
                await data.SeedAsync(postgres, options.Text("service-id"));
                Progress($"memory: stored {data.Owners} owners × {data.FriendsPerOwner} friends");
                return 0;
            case "measure":
                var connections = options.Int("connections", 16);
                await using (var api = new RawRemarkApi(new Uri(options.Text("url")), connections))
                {
                    var result = await MemoryPhase.MeasureAsync(api, connections, data, new Uri(options.Text("silo-metrics")), options.Int("silo-pid", 0), postgres);
                    Progress($"memory: {result.Remarks} remarks active: heap {result.HeapBytes / 1048576} MiB ({result.BytesPerRemarkHeap} B/remark, "
                        + $"+{result.AddedBytesPerRemarkHeap} over idle), RSS {result.RssBytes / 1048576} MiB ({result.BytesPerRemarkRss} B/remark, "
                        + $"+{result.AddedBytesPerRemarkRss}); PostgreSQL {result.PostgresBytesPerRemark} B/remark; {result.Errors} errors");
                    await ResultFiles.WriteAsync(options.Text("out"), result, BenchJsonContext.Default.MemoryResult);
                    return result.Errors > 0 ? CommandDispatcher.BrokenRunExitCode : 0;
                }

            default:
                throw new ArgumentException("memory --step must be seed or measure.");
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[loadgen {DateTime.Now:HH:mm:ss}] {message}");
}
