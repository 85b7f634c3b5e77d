using OrleansRemarks.Bench.LoadGenerator.Http;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>
/// Callbacks over <c>owners</c> owners with <c>friendsPerOwner</c> possible friends each. Worker w
/// only writes owners w, w+N, w+2N…, so no two requests for one pair are ever in flight together.
/// </summary>
public sealed class IngestWorkload
{
    private readonly RemarkApiClient _api;
    private readonly Ledger _ledger;
    private readonly int _owners;
    private readonly int _friendsPerOwner;
    private readonly int _workers;
    private readonly Random[] _random;
    private readonly long[] _sequence;

    public IngestWorkload(RemarkApiClient api, Ledger ledger, int owners, int friendsPerOwner, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(owners, workers);
        (_api, _ledger, _owners, _friendsPerOwner, _workers) = (api, ledger, owners, friendsPerOwner, workers);
        _random = [.. Enumerable.Range(0, workers).Select(worker => new Random(1000 + worker))];
        _sequence = new long[workers];
    }

    public async Task<bool> SendAsync(int worker)
    {
        var random = _random[worker];
        var ownersOfWorker = (_owners - worker + _workers - 1) / _workers;
        var owner = UserIds.Owner(worker + (random.Next(ownersOfWorker) * _workers));
        var friend = UserIds.Friend(random.Next(_friendsPerOwner));
        var remark = RemarkText.Next(worker, ++_sequence[worker]);
        var acknowledged = false;
        try
        {
            acknowledged = await _api.PostCallbackAsync(owner, friend, remark, Guid.NewGuid().ToString());
            return acknowledged;
        }
        finally
        {
            _ledger.Record(owner, friend, remark, acknowledged);
        }
    }
}
