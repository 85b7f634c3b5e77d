using System.Diagnostics;

namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <summary>
/// A fixed arrival rate spread over N workers. Latency runs from when a request was due, not when it
/// was sent, so a stalled server shows up in the percentiles (no coordinated omission).
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
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var tally = tallies[worker];
            var offset = Stopwatch.Frequency * worker / ratePerSecond;
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

                var ok = await Attempt.RunAsync(operation, worker);
                if (due < measureFrom)
                {
                    continue;
                }

                if (ok)
                {
                    tally.Latencies.Record(Attempt.Microseconds(Stopwatch.GetTimestamp() - due));
                }
                else
                {
                    tally.Errors++;
                }
            }
        })));
        var (latencies, errors) = WorkerTally.Merge(tallies);
        return PhaseResult.From(name, workers, duration, latencies, errors, ratePerSecond);
    }
}
