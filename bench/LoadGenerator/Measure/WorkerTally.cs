namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <summary>What one worker measured; merged after the phase.</summary>
public sealed class WorkerTally
{
    public LatencyHistogram Latencies { get; } = new();

    public long Errors { get; set; }

    public static (LatencyHistogram Latencies, long Errors) Merge(IEnumerable<WorkerTally> tallies)
    {
        var all = new LatencyHistogram();
        long errors = 0;
        foreach (var tally in tallies)
        {
            all.Add(tally.Latencies);
            errors += tally.Errors;
        }

        return (all, errors);
    }
}
