using System.Numerics;

namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <summary>
/// Log-linear histogram of microsecond latencies (HdrHistogram's layout: 64 linear sub-buckets per
/// power of two above 128 µs, so every value is kept within 1.6 %). Not thread-safe: one per worker, then <see cref="Add"/>.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearLimit = 128;
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[SubBuckets * 64];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public double SumMicroseconds { get; private set; }

    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        _counts[IndexOf(value)]++;
        Count++;
        SumMicroseconds += value;
        MaxMicroseconds = Math.Max(MaxMicroseconds, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        SumMicroseconds += other.SumMicroseconds;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The smallest recorded bucket's upper bound that covers <paramref name="percentile"/> % of the values.</summary>
    public long PercentileMicroseconds(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBoundOf(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    private static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var shift = BitOperations.Log2((ulong)value) - 6;
        return (shift * SubBuckets) + (int)(value >> shift);
    }

    private static long UpperBoundOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = (index / SubBuckets) - 1;
        var sub = index - (shift * SubBuckets);
        return ((long)(sub + 1) << shift) - 1;
    }
}
