using System.Collections.Concurrent;
using OrleansRemarks.Bench.LoadGenerator.Http;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>
/// Every pair the run wrote and what it must read back as. Workloads never send two requests for
/// one pair at the same time, so the last acknowledged remark of a pair is well defined.
/// </summary>
public sealed class Ledger(int expectedPairs)
{
    // Sized for every pair up front: growing a ConcurrentDictionary of ~130,000 pairs mid-phase
    // holds every worker for hundreds of milliseconds, which the open loop rightly counts as
    // latency, but it is the generator's and not the server's.
    private readonly ConcurrentDictionary<PairKey, Expectation> _pairs = new(Environment.ProcessorCount * 4, expectedPairs);
    private long _acknowledged;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public int PairCount => _pairs.Count;

    /// <summary>
    /// Posts one callback with a fresh operation id and records the pair, acknowledged or not, even
    /// when the call throws. Returns whether the service acknowledged it.
    /// </summary>
    public async Task<bool> PostCallbackAsync(IRemarkApi api, int worker, string owner, string friend, string remark)
    {
        var acknowledged = false;
        try
        {
            acknowledged = await api.PostCallbackAsync(worker, owner, friend, remark, Guid.NewGuid().ToString());
            return acknowledged;
        }
        finally
        {
            Record(owner, friend, remark, acknowledged);
        }
    }

    private void Record(string owner, string friend, string remark, bool acknowledged)
    {
        var key = new PairKey(owner, friend);
        if (acknowledged)
        {
            Interlocked.Increment(ref _acknowledged);
            _pairs[key] = new Expectation(remark, null);
        }
        else
        {
            _pairs.AddOrUpdate(key, new Expectation(null, remark), (_, before) => before with { Unconfirmed = remark });
        }
    }

    public string? AcknowledgedRemark(PairKey key) => _pairs.TryGetValue(key, out var expected) ? expected.Acknowledged : null;

    /// <summary>Pairs with an acknowledged remark, for read phases.</summary>
    public PairKey[] AcknowledgedPairs() => [.. _pairs.Where(pair => pair.Value.Acknowledged is not null).Select(pair => pair.Key)];

    /// <summary>Every owner with the pairs to read back and what each must be.</summary>
    public IReadOnlyList<(string Owner, IReadOnlyList<(string Friend, Expectation Expected)> Friends)> ByOwner() =>
        [.. _pairs.GroupBy(pair => pair.Key.Owner, StringComparer.Ordinal)
            .Select(group => (group.Key, (IReadOnlyList<(string, Expectation)>)[.. group.Select(pair => (pair.Key.Friend, pair.Value))]))];
}

/// <summary>One (owner, friend) pair: the ledger's key.</summary>
public readonly record struct PairKey(string Owner, string Friend);

/// <summary>
/// What a pair must read back as. <paramref name="Acknowledged"/> is the last remark the service
/// acknowledged; a later request that failed may or may not have been applied, so its remark
/// (<paramref name="Unconfirmed"/>) is accepted too.
/// </summary>
public sealed record Expectation(string? Acknowledged, string? Unconfirmed)
{
    public bool Accepts(string? stored) =>
        (stored is not null && (stored == Acknowledged || stored == Unconfirmed))
        || (stored is null && Acknowledged is null);
}
