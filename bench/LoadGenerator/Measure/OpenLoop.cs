using System.Diagnostics;

namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <summary>
/// A fixed arrival rate spread over N workers. When a worker is still waiting for the server at a
/// request's due time, that request's latency runs from the due time, so a stalled server shows up
/// in the percentiles (no coordinated omission); when the worker was idle, it runs from the actual
/// send, so the load generator's own timer lateness is not blamed on the server.
/// </summary>
public static class OpenLoop
{
    public static async Task<PhaseResult> RunAsync(string name, int workers, double ratePerSecond, TimeSpan warmup, TimeSpan duration, Operation operation)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var interval = Stopwatch.Frequency * workers / ratePerSecond;
        var tallies = Enumerable.Range(0, workers).Select(_ => new WorkerTally()).ToArray();
        var measuredFromUtc = DateTime.UtcNow + warmup;
        var timelines = Enumerable.Range(0, workers).Select(_ => new StallTimeline((int)(duration.TotalSeconds / StallTimeline.SlotSeconds) + 1)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var tally = tallies[worker];
            var offset = Stopwatch.Frequency * worker / ratePerSecond;
            var previousDone = start;
            for (long k = 0; ; k++)
            {
                var due = start + (long)(offset + (k * interval));
                if (due >= measureTo)
                {
                    break;
                }

                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }

                var from = previousDone > due ? due : Stopwatch.GetTimestamp();
                var ok = await Attempt.RunAsync(operation, worker);
                previousDone = Stopwatch.GetTimestamp();
                if (due < measureFrom)
                {
                    continue;
                }

                if (ok)
                {
                    var microseconds = Attempt.Microseconds(previousDone - from);
                    tally.Latencies.Record(microseconds);
                    timelines[worker].Record((double)(due - measureFrom) / Stopwatch.Frequency, microseconds);
                }
                else
                {
                    tally.Errors++;
                }
            }
        })));
        var (latencies, errors) = WorkerTally.Merge(tallies);
        Console.Error.WriteLine($"[loadgen] {name}: slowest quarter-seconds: {StallTimeline.Describe(timelines, measuredFromUtc, 5)}");
        return PhaseResult.From(name, workers, duration, latencies, errors, ratePerSecond);
    }
}
