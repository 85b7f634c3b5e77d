using OrleansRemarks.Bench.LoadGenerator.Measure;
using OrleansRemarks.Bench.LoadGenerator.Postgres;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Phases;

/// <summary>The measured changes of one owner in the large-owner phase.</summary>
public sealed class Samples(string owner, int friends)
{
    private readonly LatencyHistogram _latencies = new();
    private readonly List<long> _walBytes = [];
    private long _errors;

    public string Owner => owner;

    public int Friends => friends;

    public void Add(bool ok, long microseconds, long walBytes)
    {
        if (!ok)
        {
            _errors++;
            return;
        }

        _latencies.Record(microseconds);
        _walBytes.Add(walBytes);
    }

    public async Task<ChangeCost> ToCostAsync(WalMeter wal)
    {
        var stored = await wal.StoredStateAsync(owner);
        _walBytes.Sort();
        return new ChangeCost(
            owner,
            friends,
            _walBytes.Count,
            _errors,
            Math.Round(_latencies.PercentileMicroseconds(50) / 1000.0, 3),
            Math.Round(_latencies.PercentileMicroseconds(99) / 1000.0, 3),
            Math.Round(_latencies.Count == 0 ? 0 : _latencies.SumMicroseconds / _latencies.Count / 1000.0, 3),
            _walBytes.Count == 0 ? 0 : _walBytes[_walBytes.Count / 2],
            _walBytes.Count == 0 ? 0 : Math.Round(_walBytes.Average(), 1),
            stored?.Rows,
            stored?.Bytes);
    }
}
