using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>
/// One owner's remarks in memory, for the web front's contract tests: the grain's own change rules
/// (<see cref="ChangeRules"/>, so replays and unchanged edits answer as in the cluster), its argument
/// checks, keyset paging in ordinal order and lookups in request order. Nothing is stored.
/// </summary>
public sealed class InMemoryUserFriendsGrain(TimeProvider clock) : IUserFriendsGrain
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, FriendEntry> _friends = new(StringComparer.Ordinal);
    private readonly ChangeRateWindow _rate = new();
    private long _version;
    private int _packedLookups;

    public Task<RemarkChangeResult> ApplyRemarkAsync(RemarkChange change)
    {
        ArgumentException.ThrowIfNullOrEmpty(change.FriendUserId, nameof(change.FriendUserId));
        ArgumentNullException.ThrowIfNull(change.Remark, nameof(change.Remark));
        return Task.FromResult(Change(change.FriendUserId, change.OperationId, change.Remark));
    }

    public Task<RemarkChangeResult> RemoveFriendAsync(FriendRemoval removal)
    {
        ArgumentException.ThrowIfNullOrEmpty(removal.FriendUserId, nameof(removal.FriendUserId));
        return Task.FromResult(Change(removal.FriendUserId, removal.OperationId, remark: null));
    }

    public Task<FriendRemark?> GetRemarkAsync(string friendUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendUserId);
        lock (_gate)
        {
            return Task.FromResult(_friends.TryGetValue(friendUserId, out var entry) ? ToRemark(entry) : null);
        }
    }

    public Task<RemarkPage> ListRemarksAsync(RemarkPageRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1, nameof(request.Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Limit, RemarkLimits.MaxPageSize, nameof(request.Limit));
        lock (_gate)
        {
            var after = request.AfterFriendUserId;
            var page = _friends.Values
                .Where(entry => after is null || string.CompareOrdinal(entry.FriendUserId, after) > 0)
                .Select(ToRemark)
                .OfType<FriendRemark>()
                .Take(request.Limit + 1)
                .ToList();
            var items = page.Take(request.Limit).ToList();
            return Task.FromResult(new RemarkPage(items, page.Count > request.Limit ? items[^1].FriendUserId : null));
        }
    }

    public Task<RemarkLookupResult> LookupRemarksAsync(RemarkLookup lookup)
    {
        if (lookup.FriendUserIds.Count is < 1 or > RemarkLimits.MaxLookupIds || lookup.FriendUserIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"A lookup takes 1 to {RemarkLimits.MaxLookupIds} non-empty friend IDs.", nameof(lookup));
        }

        lock (_gate)
        {
            return Task.FromResult(new RemarkLookupResult([.. lookup.FriendUserIds
                .Distinct(StringComparer.Ordinal)
                .Select(id => _friends.TryGetValue(id, out var entry) ? ToRemark(entry) : null)
                .OfType<FriendRemark>()]));
        }
    }

    /// <summary>How many lookups came packed (<see cref="LookupRemarksPackedAsync"/>).</summary>
    public int PackedLookups => Volatile.Read(ref _packedLookups);

    public async Task<PackedLookupResult> LookupRemarksPackedAsync(PackedStrings friendUserIds)
    {
        Interlocked.Increment(ref _packedLookups);
        var asked = friendUserIds.Unpack();
        return PackedLookupResult.Of(asked, (await LookupRemarksAsync(new RemarkLookup(asked))).Items);
    }

    public Task<RemarkRateDecision> CountRemarkChangeAsync(int maxPerMinute)
    {
        lock (_gate)
        {
            return Task.FromResult(_rate.TryCount(clock.GetUtcNow().ToUnixTimeMilliseconds(), maxPerMinute));
        }
    }

    public Task<SyncPosition> GetSyncPositionAsync() => throw new NotSupportedException("OpenIM sync is not part of this double.");

    public Task<DeltaApplied> ApplyOpenImDeltaAsync(OpenImDelta delta) => throw new NotSupportedException("OpenIM sync is not part of this double.");

    public Task BackgroundSyncEndedAsync(long run, bool succeeded, bool followUp) => Task.CompletedTask;

    private RemarkChangeResult Change(string friendUserId, string? operationId, string? remark)
    {
        lock (_gate)
        {
            var current = _friends.GetValueOrDefault(friendUserId);
            var outcome = ChangeRules.OutcomeWithoutWrite(current, operationId, remark);
            if (outcome == RemarkChangeOutcome.Duplicate || (outcome == RemarkChangeOutcome.Unchanged && string.IsNullOrEmpty(operationId)))
            {
                return new RemarkChangeResult(outcome.Value, _version);
            }

            var change = new AppliedChange(string.IsNullOrEmpty(operationId) ? null : operationId, remark, clock.GetUtcNow().ToUnixTimeMilliseconds());
            _friends[friendUserId] = outcome is null
                ? ChangeRules.Append(current, friendUserId, change)
                : ChangeRules.Remember(current, friendUserId, change);
            if (outcome is null)
            {
                _version++;
            }

            return new RemarkChangeResult(outcome ?? RemarkChangeOutcome.Applied, _version);
        }
    }

    private static FriendRemark? ToRemark(FriendEntry entry) =>
        entry.Latest.LeavesRemark
            ? new FriendRemark(entry.FriendUserId, entry.Latest.Remark!, DateTimeOffset.FromUnixTimeMilliseconds(entry.Latest.AppliedAtUnixMs))
            : null;
}
