using OrleansRemarks.Bench.LoadGenerator.Http;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>Single-remark GETs and 100-ID lookups on owners the ingest phase wrote (warm owners).</summary>
public sealed class ReadWorkload
{
    private readonly IRemarkApi _api;
    private readonly Ledger _ledger;
    private readonly PairKey[] _pairs;
    private readonly string[] _owners;
    private readonly string[] _lookupIds;
    private readonly Random[] _random;

    public ReadWorkload(IRemarkApi api, Ledger ledger, int friendsPerOwner, int lookupIds, int workers)
    {
        (_api, _ledger) = (api, ledger);
        _pairs = ledger.AcknowledgedPairs();
        if (_pairs.Length == 0)
        {
            throw new InvalidOperationException("Nothing was acknowledged: there is nothing to read.");
        }

        _owners = [.. _pairs.Select(pair => pair.Owner).Distinct(StringComparer.Ordinal)];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(friendsPerOwner, lookupIds);
        _lookupIds = [.. Enumerable.Range(0, lookupIds).Select(UserIds.Friend)];
        _random = [.. Enumerable.Range(0, workers).Select(worker => new Random(2000 + worker))];
    }

    /// <summary>One GET; succeeds only when it returns the acknowledged remark.</summary>
    public async Task<bool> GetAsync(int worker)
    {
        var pair = _pairs[_random[worker].Next(_pairs.Length)];
        var remark = await _api.GetRemarkAsync(worker, pair.Owner, pair.Friend);
        return remark is not null && remark == _ledger.AcknowledgedRemark(pair);
    }

    /// <summary>One lookup of <c>lookupIds</c> friend IDs of a written owner (they cover all its friends, so some are found).</summary>
    public async Task<bool> LookupAsync(int worker)
    {
        var owner = _owners[_random[worker].Next(_owners.Length)];
        var found = await _api.LookupAsync(worker, owner, _lookupIds);
        return found.Count > 0;
    }
}
