using OrleansRemarks.Bench.LoadGenerator.Http;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>
/// Callbacks over <c>owners</c> owners with <c>friendsPerOwner</c> possible friends each. Worker w
/// only writes owners w, w+N, w+2N…, so no two requests for one pair are ever in flight together.
/// </summary>
public sealed class IngestWorkload
{
    private readonly IRemarkApi _api;
    private readonly Ledger _ledger;
    private readonly int _owners;
    private readonly int _friendsPerOwner;
    private readonly int _workers;
    private readonly Random[] _random;
    private readonly long[] _sequence;

    public IngestWorkload(IRemarkApi api, Ledger ledger, int owners, int friendsPerOwner, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(owners, workers);
        (_api, _ledger, _owners, _friendsPerOwner, _workers) = (api, ledger, owners, friendsPerOwner, workers);
        _random = [.. Enumerable.Range(0, workers).Select(worker => new Random(1000 + worker))];
        _sequence = new long[workers];
    }

    /// <summary>
    /// One callback to every owner of every worker, before any timed phase: the warm-up that makes
    /// every owner "warm" (for ours, its grain is active), on both sides alike. Returns the failures.
    /// </summary>
    public async Task<long> PrimeAsync()
    {
        var failures = await Task.WhenAll(Enumerable.Range(0, _workers).Select(worker => Task.Run(async () =>
        {
            long failed = 0;
            for (var owner = worker; owner < _owners; owner += _workers)
            {
                if (!await SendAsync(worker, owner))
                {
                    failed++;
                }
            }

            return failed;
        })));
        return failures.Sum();
    }

    public Task<bool> SendAsync(int worker)
    {
        var ownersOfWorker = (_owners - worker + _workers - 1) / _workers;
        return SendAsync(worker, worker + (_random[worker].Next(ownersOfWorker) * _workers));
    }

    private Task<bool> SendAsync(int worker, int ownerIndex)
    {
        var owner = UserIds.Owner(ownerIndex);
        var friend = UserIds.Friend(_random[worker].Next(_friendsPerOwner));
        var remark = RemarkText.Next(worker, ++_sequence[worker]);
        return _ledger.PostCallbackAsync(_api, worker, owner, friend, remark);
    }
}
