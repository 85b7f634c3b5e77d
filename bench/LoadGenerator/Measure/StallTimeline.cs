namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <summary>
/// The slowest request of every quarter second of a phase, by due time: shows whether a bad p99
/// comes from one stall or from a steady tail, and when, to line it up with server logs.
/// </summary>
public sealed class StallTimeline(int slots)
{
    public const double SlotSeconds = 0.25;

    private readonly long[] _maxMicroseconds = new long[slots];

    public void Record(double secondsIntoPhase, long microseconds)
    {
        var slot = (int)(secondsIntoPhase / SlotSeconds);
        if (slot >= 0 && slot < _maxMicroseconds.Length && microseconds > _maxMicroseconds[slot])
        {
            _maxMicroseconds[slot] = microseconds;
        }
    }

    public static string Describe(IReadOnlyList<StallTimeline> timelines, DateTime phaseStartUtc, int worst)
    {
        var merged = new long[timelines[0]._maxMicroseconds.Length];
        foreach (var timeline in timelines)
        {
            for (var slot = 0; slot < merged.Length; slot++)
            {
                merged[slot] = Math.Max(merged[slot], timeline._maxMicroseconds[slot]);
            }
        }

        return string.Join(", ", merged
            .Select((max, slot) => (max, slot))
            .OrderByDescending(entry => entry.max)
            .Take(worst)
            .Select(entry => $"{phaseStartUtc.AddSeconds(entry.slot * SlotSeconds):HH:mm:ss.ff}Z {entry.max / 1000.0:0.#} ms"));
    }
}
