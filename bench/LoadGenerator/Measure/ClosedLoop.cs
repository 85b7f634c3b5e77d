using System.Diagnostics;

namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <summary>
/// N workers, each sending its next request as soon as the previous one answered (one keep-alive
/// connection each). Requests that complete during the warm-up are not measured.
/// </summary>
public static class ClosedLoop
{
    public static async Task<PhaseResult> RunAsync(string name, int workers, TimeSpan warmup, TimeSpan duration, Operation operation)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tallies = Enumerable.Range(0, workers).Select(_ => new WorkerTally()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var tally = tallies[worker];
            while (Stopwatch.GetTimestamp() < measureTo)
            {
                var sent = Stopwatch.GetTimestamp();
                var ok = await Attempt.RunAsync(operation, worker);
                var done = Stopwatch.GetTimestamp();
                if (done < measureFrom || done > measureTo)
                {
                    continue;
                }

                if (ok)
                {
                    tally.Latencies.Record(Attempt.Microseconds(done - sent));
                }
                else
                {
                    tally.Errors++;
                }
            }
        })));
        var (latencies, errors) = WorkerTally.Merge(tallies);
        return PhaseResult.From(name, workers, duration, latencies, errors);
    }
}
