using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;
using OrleansRemarks.Grains.Sync;

namespace OrleansRemarks.Grains;

/// <summary>
/// Holds one owner's remarks. Calls run one at a time (reads may interleave with reads), so
/// changes apply in arrival order. A change is acknowledged only after its bucket is stored;
/// after any failed write the activation reloads from storage before serving again.
/// </summary>
[GrainType(UserFriendsGrainKey.GrainTypeName)]
public sealed partial class UserFriendsGrain(
    [FromKeyedServices(RemarkStorage.ProviderName)] IGrainStorage storage,
    TimeProvider clock,
    RemarkStorageMetrics metrics,
    ILogger<UserFriendsGrain> logger) : Grain, IUserFriendsGrain
{
    private const int MaxAttempts = 3;

    /// <summary>A read that needs more buckets than this loads the owner whole instead (one query either way).</summary>
    private const int MaxBucketsReadInPart = 48;

    private OwnerStateStore? _store;
    private OwnerRemarkBook? _book;
    private Stored<SyncMark>? _syncMark;
    private OwnerSyncSchedule? _schedule;
    private DateTimeOffset? _lastSyncedAt;
    private ChangeRateWindow? _changeRate;
    private TimeSpan _replayWindow = ReplayWindowOptions.Default;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store = new OwnerStateStore(storage, this.GetGrainId(), metrics);
        // A web front's warm-up reads (WarmupOwners) name no OpenIM user: nothing to reconcile.
        if (ServiceProvider.GetService<OwnerSynchronizer>() is { } synchronizer
            && !WarmupOwners.Is(UserFriendsGrainKey.OwnerOf(this.GetPrimaryKeyString())))
        {
            _schedule = new OwnerSyncSchedule(this, synchronizer, ServiceProvider.GetRequiredService<IOptions<ReconcileOptions>>().Value, clock, logger);
        }

        _replayWindow = ServiceProvider.GetService<IOptions<ReplayWindowOptions>>()?.Value.ReplayWindow ?? _replayWindow;
        // Nothing is read yet: the first call reads what it needs (a read of a few friends only the
        // buckets that can hold them, anything else the whole owner), in one query either way.
        return Task.CompletedTask;
    }

    public Task<RemarkChangeResult> ApplyRemarkAsync(RemarkChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrEmpty(change.FriendUserId, nameof(change.FriendUserId));
        ArgumentNullException.ThrowIfNull(change.Remark, nameof(change.Remark));
        _schedule?.AfterCallback();
        return ChangeAsync(change.FriendUserId, change.OperationId, change.Remark);
    }

    public Task<RemarkChangeResult> RemoveFriendAsync(FriendRemoval removal)
    {
        ArgumentNullException.ThrowIfNull(removal);
        ArgumentException.ThrowIfNullOrEmpty(removal.FriendUserId, nameof(removal.FriendUserId));
        _schedule?.AfterCallback();
        return ChangeAsync(removal.FriendUserId, removal.OperationId, remark: null);
    }

    public async Task<FriendRemark?> GetRemarkAsync(string friendUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendUserId);
        var book = await BookForAsync([friendUserId]);
        _schedule?.OnRead(_lastSyncedAt);
        return book.Get(friendUserId);
    }

    public async Task<RemarkPage> ListRemarksAsync(RemarkPageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1, nameof(request.Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Limit, RemarkLimits.MaxPageSize, nameof(request.Limit));
        var book = await BookAsync();
        _schedule?.OnRead(_lastSyncedAt);
        return book.Page(request.Limit, request.AfterFriendUserId);
    }

    public async Task<RemarkLookupResult> LookupRemarksAsync(RemarkLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(lookup.FriendUserIds, nameof(lookup.FriendUserIds));
        return new RemarkLookupResult(await LookupAsync(lookup.FriendUserIds, nameof(lookup)));
    }

    public async Task<PackedLookupResult> LookupRemarksPackedAsync(PackedStrings friendUserIds)
    {
        ArgumentNullException.ThrowIfNull(friendUserIds);
        var asked = friendUserIds.Unpack();
        return PackedLookupResult.Of(asked, await LookupAsync(asked, nameof(friendUserIds)));
    }

    private async Task<IReadOnlyList<FriendRemark>> LookupAsync(IReadOnlyList<string> friendUserIds, string parameterName)
    {
        if (friendUserIds.Count is < 1 or > RemarkLimits.MaxLookupIds)
        {
            throw new ArgumentOutOfRangeException(parameterName, $"A lookup takes 1 to {RemarkLimits.MaxLookupIds} friend IDs.");
        }

        if (friendUserIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Friend IDs must be non-empty.", parameterName);
        }

        var book = await BookForAsync(friendUserIds);
        _schedule?.OnRead(_lastSyncedAt);
        return book.Lookup(friendUserIds);
    }

    private async Task<RemarkChangeResult> ChangeAsync(string friendUserId, string? operationId, string? remark)
    {
        for (var attempt = 1; ; attempt++)
        {
            var book = await BookAsync();
            var current = book.Find(friendUserId);
            var outcome = ChangeRules.OutcomeWithoutWrite(current, operationId, remark);
            var index = book.BucketIndexOf(friendUserId);
            if (outcome == RemarkChangeOutcome.Duplicate)
            {
                return new RemarkChangeResult(outcome.Value, book.Version);
            }

            if (outcome == RemarkChangeOutcome.Unchanged && string.IsNullOrEmpty(operationId))
            {
                // Nothing to remember, but "unchanged" must hold for what is stored, not only for this activation's memory.
                if (await _store!.IsCurrentAsync(index, book.Bucket(index)))
                {
                    return new RemarkChangeResult(outcome.Value, book.Version);
                }

                _book = null;
                continue;
            }

            var now = clock.GetUtcNow();
            var change = new AppliedChange(string.IsNullOrEmpty(operationId) ? null : operationId, remark, now.ToUnixTimeMilliseconds());
            // The stored entry's ID string, not the request's: one object fewer kept per change.
            // An "unchanged" change with an operationID is remembered by a version-checked write, so a
            // late copy of it is a duplicate and the answer holds for what storage holds.
            var entry = outcome is null
                ? ChangeRules.Append(current, current?.FriendUserId ?? friendUserId, change)
                : ChangeRules.Remember(current, current?.FriendUserId ?? friendUserId, change);
            var forgetBefore = (now - _replayWindow).ToUnixTimeMilliseconds();
            try
            {
                var written = await _store!.WriteBucketAsync(index, book.Bucket(index), book.BucketWith(index, entry, applied: outcome is null, forgetBefore));
                book.CommitChange(index, written, entry);
            }
            catch (InconsistentStateException) when (attempt < MaxAttempts)
            {
                // Another writer moved the stored bucket on (e.g. a duplicate activation during a
                // membership change): reload everything and decide again against what is stored.
                _book = null;
                continue;
            }
            catch
            {
                // The write may or may not have reached storage: forget what this activation holds.
                _book = null;
                throw;
            }

            await SplitIfNeededAsync(book);
            return new RemarkChangeResult(outcome ?? RemarkChangeOutcome.Applied, book.Version);
        }
    }

    /// <summary>Splits at most one bucket. The change before it is already durable, so a failure here is logged, not thrown.</summary>
    private async Task SplitIfNeededAsync(OwnerRemarkBook book)
    {
        if (!book.NeedsSplit)
        {
            return;
        }

        var split = book.PlanSplit();
        try
        {
            var (layout, kept, moved) = await _store!.WriteSplitAsync(book.Layout, book.Bucket(split.OldIndex), split);
            book.CommitSplit(split, layout, kept, moved);
        }
        catch (Exception exception)
        {
            _book = null;
            LogSplitFailed(exception, split.OldIndex, split.NewIndex);
        }
    }

    /// <summary>The owner's complete book, loaded whole if this activation holds none or only some buckets.</summary>
    private async ValueTask<OwnerRemarkBook> BookAsync() => _book is { IsComplete: true } book ? book : await LoadAsync();

    /// <summary>
    /// A book that answers reads of <paramref name="friendUserIds"/>. On a first read (or a read of
    /// friends whose buckets it does not hold yet) this reads only the buckets that can hold them,
    /// with the layout, in one query: a large owner's first read costs what a small owner's does. A
    /// read needing more than <see cref="MaxBucketsReadInPart"/> buckets, storage that cannot read
    /// states together, a stray copy or a split in between load the owner whole instead.
    /// </summary>
    private async ValueTask<OwnerRemarkBook> BookForAsync(IReadOnlyCollection<string> friendUserIds)
    {
        if (_book is { } held && held.Holds(friendUserIds))
        {
            return held;
        }

        var wanted = OwnerRemarkBook.BucketsToRead(_book, friendUserIds);
        if (wanted.Count > MaxBucketsReadInPart
            || await _store!.ReadPartAsync(wanted, withSync: _schedule is not null && _syncMark is null) is not { } part)
        {
            return await LoadAsync();
        }

        // Reads interleave: another one may have loaded meanwhile.
        if (_book is { } now && now.Holds(friendUserIds))
        {
            return now;
        }

        if (part.Sync is { } syncMark)
        {
            TakeSyncMark(syncMark);
        }

        if (_book is { } partial && partial.TakeIn(part.Layout, part.Buckets) && partial.Holds(friendUserIds))
        {
            return partial;
        }

        if (OwnerRemarkBook.LoadPart(part.Layout, part.Buckets) is { } fresh && fresh.Holds(friendUserIds))
        {
            _book = fresh;
            return fresh;
        }

        return await LoadAsync();
    }

    private async Task<OwnerRemarkBook> LoadAsync()
    {
        // Layout, buckets and (only where this silo reconciles) the sync position: one query.
        var (layout, buckets, syncMark) = await _store!.ReadAllAsync(withSync: _schedule is not null);
        _syncMark = null;
        if (syncMark is not null)
        {
            TakeSyncMark(syncMark);
        }

        _book = OwnerRemarkBook.Load(layout, buckets);
        return _book;
    }

    /// <summary>Synchronous, so interleaving it with a change that awaits its write is safe.</summary>
    public Task<RemarkRateDecision> CountRemarkChangeAsync(int maxPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerMinute, 1);
        _changeRate ??= new ChangeRateWindow();
        return Task.FromResult(_changeRate.TryCount(clock.GetUtcNow().ToUnixTimeMilliseconds(), maxPerMinute));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Splitting bucket {OldIndex} into {NewIndex} failed; the activation reloads from storage on its next call.")]
    private partial void LogSplitFailed(Exception exception, int oldIndex, int newIndex);
}
