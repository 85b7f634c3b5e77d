using Orleans.Storage;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains;

/// <summary>The owner's side of reconciliation with OpenIM: its position, and applying what OpenIM said.</summary>
public sealed partial class UserFriendsGrain
{
    public async Task<SyncPosition> GetSyncPositionAsync()
    {
        var book = await BookAsync();
        var mark = (await SyncMarkAsync()).Value;
        var unverified = mark.VersionId.Length == 0 ? [] : book.ChangedByCallbacksSince(mark.FetchStartedUnixMs, SyncPlan.SyncOperationId);
        var lastFull = mark.FullAtUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(mark.FullAtUnixMs) : (DateTimeOffset?)null;
        return new SyncPosition(mark.VersionId, mark.Version, _lastSyncedAt, clock.GetUtcNow(), unverified, lastFull);
    }

    public async Task<DeltaApplied> ApplyOpenImDeltaAsync(OpenImDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var book = await BookAsync();
        var mark = await SyncMarkAsync();
        if (mark.Value.VersionId != delta.Base.VersionId || mark.Value.Version != delta.Base.Version)
        {
            // Another sync stored a newer position since this one was fetched: fetch again.
            return new DeltaApplied(null, 0);
        }

        var now = clock.GetUtcNow();
        var plan = SyncPlan.Make(book, delta, now.ToUnixTimeMilliseconds());
        try
        {
            await WriteEntriesAsync(book, plan.Entries);

            // A friend a callback changed after the fetch began was left alone: it stays
            // unverified (changed after this sync began), so the follow-up sync asks OpenIM for it.
            var next = new SyncMark(delta.VersionId, delta.Version, now.ToUnixTimeMilliseconds(), delta.FetchStartedAt.ToUnixTimeMilliseconds(),
                delta.Full ? now.ToUnixTimeMilliseconds() : mark.Value.FullAtUnixMs);
            if (next.VersionId != mark.Value.VersionId || next.Version != mark.Value.Version || plan.Entries.Count > 0
                || delta.Base.Unverified.Count > 0 || delta.Full)
            {
                _syncMark = await _store!.WriteSyncAsync(mark, next);
            }
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote meanwhile: reload, and let the caller fetch again.
            _book = null;
            return new DeltaApplied(null, 0);
        }
        catch
        {
            _book = null;
            throw;
        }

        _lastSyncedAt = now;
        var version = _syncMark!.Value.Version;
        return new DeltaApplied(new SyncReport(plan.Added, plan.Updated, plan.Removed, delta.Full, version, OpenImCalls: 0), plan.Deferred);
    }

    public Task BackgroundSyncEndedAsync(long run, bool succeeded, bool followUp)
    {
        _schedule?.Ended(run, succeeded, followUp);
        return Task.CompletedTask;
    }

    /// <summary>The stored sync position, read on first use after a (re)load.</summary>
    private async ValueTask<Stored<SyncMark>> SyncMarkAsync()
    {
        if (_syncMark is null)
        {
            TakeSyncMark(await _store!.ReadSyncAsync());
        }

        return _syncMark!;
    }

    private void TakeSyncMark(Stored<SyncMark> mark)
    {
        _syncMark = mark;
        if (mark.Value.SyncedAtUnixMs > 0)
        {
            _lastSyncedAt = DateTimeOffset.FromUnixTimeMilliseconds(mark.Value.SyncedAtUnixMs);
        }
    }

    /// <summary>Writes changed entries one bucket at a time (each bucket once), splitting as the owner grows.</summary>
    private async Task WriteEntriesAsync(OwnerRemarkBook book, IReadOnlyList<FriendEntry> entries)
    {
        var pending = entries.ToList();
        while (pending.Count > 0)
        {
            if (_book != book)
            {
                // A split failed and dropped this view: the rest is applied by the next sync.
                throw new InvalidOperationException("The owner's buckets could not be split; the sync is retried.");
            }

            var index = book.BucketIndexOf(pending[0].FriendUserId);
            var group = pending.Where(entry => book.BucketIndexOf(entry.FriendUserId) == index).ToList();
            pending.RemoveAll(entry => book.BucketIndexOf(entry.FriendUserId) == index);
            var written = await _store!.WriteBucketAsync(index, book.Bucket(index), book.BucketWith(index, group));
            book.CommitChanges(index, written, group);
            while (book.NeedsSplit && _book == book)
            {
                await SplitIfNeededAsync(book);
            }
        }
    }
}

/// <summary>The entries a sync changes, and what each change is, decided against the owner's current view.</summary>
internal sealed class SyncPlan
{
    /// <summary>The operationID of a change a sync applied: no header can carry a NUL, so no callback ever matches it.</summary>
    public const string SyncOperationId = "\0openim-sync";

    private readonly List<FriendEntry> _entries = [];

    public IReadOnlyList<FriendEntry> Entries => _entries;

    public int Added { get; private set; }

    public int Updated { get; private set; }

    public int Removed { get; private set; }

    public int Deferred { get; private set; }

    public static SyncPlan Make(OwnerRemarkBook book, OpenImDelta delta, long nowUnixMs)
    {
        var plan = new SyncPlan();
        var fetchStarted = delta.FetchStartedAt.ToUnixTimeMilliseconds();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var friend in delta.Upserts)
        {
            if (seen.Add(friend.FriendUserId))
            {
                plan.Consider(book, friend.FriendUserId, friend.Remark, fetchStarted, nowUnixMs);
            }
        }

        foreach (var friendUserId in delta.Deletes)
        {
            if (seen.Add(friendUserId))
            {
                plan.Consider(book, friendUserId, remark: null, fetchStarted, nowUnixMs);
            }
        }

        if (delta.Full)
        {
            // A re-baseline lists every friend OpenIM has: any other remark here is gone there.
            foreach (var friendUserId in book.FriendsWithRemark())
            {
                if (!seen.Contains(friendUserId))
                {
                    plan.Consider(book, friendUserId, remark: null, fetchStarted, nowUnixMs);
                }
            }
        }

        return plan;
    }

    /// <param name="remark">OpenIM's remark: "" for none, null when the friend is gone.</param>
    private void Consider(OwnerRemarkBook book, string friendUserId, string? remark, long fetchStarted, long nowUnixMs)
    {
        var current = book.Find(friendUserId);
        if (ChangeRules.OutcomeWithoutWrite(current, operationId: null, remark) is not null)
        {
            return;
        }

        if (current is not null && current.Latest.AppliedAtUnixMs >= fetchStarted && current.Latest.OperationId != SyncOperationId)
        {
            Deferred++;
            return;
        }

        var had = current?.Latest.LeavesRemark ?? false;
        var has = !string.IsNullOrEmpty(remark);
        if (has)
        {
            _ = had ? Updated++ : Added++;
        }
        else if (had)
        {
            Removed++;
        }

        _entries.Add(ChangeRules.Append(current, current?.FriendUserId ?? friendUserId, new AppliedChange(SyncOperationId, remark, nowUnixMs)));
    }
}
