using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.Grains.Sync;

/// <summary>One sync that ended: what it changed, and whether a callback met it so that another sync should follow.</summary>
public sealed record SyncRun(SyncReport Report, bool FollowUp);

/// <summary>
/// Syncs one owner with OpenIM: reads the owner's position from its grain, asks OpenIM outside the
/// grain's turn (a slow OpenIM never holds up the owner's callbacks and lookups), then hands what
/// OpenIM said to the grain, which applies it in one turn, serialised with callbacks. If another
/// sync moved the position meanwhile, it asks again.
/// </summary>
public sealed class OwnerSynchronizer(
    IGrainFactory grains,
    OpenImApiClient api,
    OpenImCallBudget budget,
    SyncMetrics metrics)
{
    private const int MaxAttempts = 3;

    /// <summary>How often the sweep re-baselines an owner even when OpenIM's version log says nothing changed.</summary>
    public static readonly TimeSpan RebaselineAge = TimeSpan.FromDays(7);

    public async Task<SyncRun> RunAsync(string ownerUserId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        SyncReport? report = null;
        try
        {
            var owner = grains.GetUserFriendsGrain(ownerUserId);
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var position = await owner.GetSyncPositionAsync();
                var (delta, calls) = await FetchAsync(ownerUserId, position, trigger, cancellationToken);
                var applied = await owner.ApplyOpenImDeltaAsync(delta);
                if (applied.Report is { } changed)
                {
                    report = changed with { OpenImCalls = calls };
                    return new SyncRun(report, applied.Deferred > 0);
                }
            }

            throw new InvalidOperationException($"Owner {ownerUserId}'s sync position moved {MaxAttempts} times while it was being synced.");
        }
        finally
        {
            metrics.RecordSync(trigger, report, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>One page of every OpenIM user (admin and notification accounts included), within the background budget.</summary>
    public async Task<AllUserIds> ListUsersAsync(int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        await budget.AcquireAsync(limited: true, cancellationToken);
        return await api.GetAllUserIdsAsync(pageNumber, pageSize, cancellationToken);
    }

    private async Task<(OpenImDelta Delta, int Calls)> FetchAsync(string ownerUserId, SyncPosition position, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var limited = trigger != SyncTrigger.Manual;
        var calls = 0;
        // OpenIM writes a friend and its log entry one after the other, not atomically, so an entry
        // can be missing for good: the sweep re-baselines each owner now and then.
        var rebaseline = trigger == SyncTrigger.Sweep && position.VersionId.Length > 0
            && (position.LastFullAt is null || position.ReadAt - position.LastFullAt.Value > RebaselineAge);
        if (!rebaseline)
        {
            await budget.AcquireAsync(limited, cancellationToken);
        }

        var incremental = rebaseline ? null : await api.GetIncrementalFriendsAsync(ownerUserId, position.VersionId, position.Version, cancellationToken);
        calls += rebaseline ? 0 : 1;
        if (incremental is { Full: false })
        {
            var upserts = (incremental.Insert ?? []).Concat(incremental.Update ?? [])
                .Select(friend => new OpenImFriendRemark(friend.FriendUser!.UserId!, friend.Remark!))
                .ToList();
            var deletes = (incremental.Delete ?? []).ToList();
            // Friends changed by callbacks since the last sync, and not in OpenIM's log since then:
            // a late callback may have put an older remark here. Ask OpenIM for them by name.
            var covered = upserts.Select(friend => friend.FriendUserId).Concat(deletes).ToHashSet(StringComparer.Ordinal);
            var unverified = position.Unverified.Where(friend => !covered.Contains(friend)).Distinct(StringComparer.Ordinal).ToList();
            calls += await AddDesignatedAsync(ownerUserId, unverified, upserts, deletes, limited, cancellationToken);
            return (new OpenImDelta(position, incremental.VersionId!, incremental.Version, Full: false, upserts, deletes, position.ReadAt), calls);
        }

        // Re-baseline: OpenIM reads the version before the IDs, so whatever changes after that
        // version shows up in the next incremental call.
        await budget.AcquireAsync(limited, cancellationToken);
        var ids = await api.GetFullFriendUserIdsAsync(ownerUserId, cancellationToken);
        calls++;
        var friendIds = (ids.UserIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var remarks = new List<OpenImFriendRemark>(friendIds.Count);
        calls += await AddDesignatedAsync(ownerUserId, friendIds, remarks, absent: null, limited, cancellationToken);
        return (new OpenImDelta(position, ids.VersionId!, ids.Version, Full: true, remarks, [], position.ReadAt), calls);
    }

    /// <summary>
    /// Asks OpenIM for <paramref name="friendIds"/> in batches; friends it has go to <paramref name="present"/>.
    /// With <paramref name="absent"/>, the asked IDs that are no friends (any more) go there; without it
    /// (a re-baseline, whose IDs OpenIM just listed) a friend left out fails the sync, which is retried:
    /// nothing is removed here on a reply that says less than it was asked.
    /// </summary>
    /// <returns>The calls made.</returns>
    private async Task<int> AddDesignatedAsync(
        string ownerUserId, IReadOnlyList<string> friendIds, List<OpenImFriendRemark> present, List<string>? absent, bool limited, CancellationToken cancellationToken)
    {
        var calls = 0;
        foreach (var chunk in friendIds.Chunk(OpenImApiClient.MaxIdsPerCall))
        {
            var batch = chunk;
            await budget.AcquireAsync(limited, cancellationToken);
            calls++;
            IReadOnlyList<FriendInfo> found;
            try
            {
                found = await api.GetDesignatedFriendsAsync(ownerUserId, batch, cancellationToken);
            }
            catch (OpenImApiException notFound) when (notFound.ErrCode == OpenImApiClient.RecordNotFound && absent is not null)
            {
                // Current OpenIM answers 1004 for the whole batch when one asked ID is no friend (any
                // more): read the owner's friend IDs, and ask again for those that still are friends.
                await budget.AcquireAsync(limited, cancellationToken);
                calls++;
                var friendsNow = ((await api.GetFullFriendUserIdsAsync(ownerUserId, cancellationToken)).UserIds ?? []).ToHashSet(StringComparer.Ordinal);
                absent.AddRange(batch.Where(id => !friendsNow.Contains(id)));
                batch = [.. batch.Where(friendsNow.Contains)];
                if (batch.Length == 0)
                {
                    continue;
                }

                await budget.AcquireAsync(limited, cancellationToken);
                calls++;
                found = await api.GetDesignatedFriendsAsync(ownerUserId, batch, cancellationToken);
            }

            var asked = batch.ToHashSet(StringComparer.Ordinal);
            foreach (var friend in found)
            {
                if (asked.Remove(friend.FriendUser!.UserId!))
                {
                    present.Add(new OpenImFriendRemark(friend.FriendUser.UserId!, friend.Remark!));
                }
            }

            if (asked.Count > 0 && absent is null)
            {
                throw new OpenImApiException(OpenImApiClient.DesignatedFriendsPath, OpenImApiException.MalformedReply,
                    $"OpenIM left {asked.Count} of the friends it had just listed out of {OpenImApiClient.DesignatedFriendsPath} (deleted meanwhile?); the re-baseline is retried, nothing is removed.");
            }

            absent?.AddRange(asked);
        }

        return calls;
    }
}

/// <summary>
/// The cluster's budget of OpenIM calls for background syncs (<c>Reconcile:MaxRequestsPerSecond</c>):
/// each silo takes an equal share of it, by the count of active silos. Manual syncs are not counted.
/// </summary>
public sealed class OpenImCallBudget(IOptions<ReconcileOptions> options, IClusterMembershipService membership) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<TokenBucketRateLimiter> _retired = [];
    private TokenBucketRateLimiter? _limiter;
    private int _silos;

    public async ValueTask AcquireAsync(bool limited, CancellationToken cancellationToken)
    {
        if (!limited)
        {
            return;
        }

        using var lease = await Limiter().AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new OpenImApiException("budget", 429, "Too many background syncs are waiting for OpenIM calls (Reconcile:MaxRequestsPerSecond); this one is retried later.");
        }
    }

    public void Dispose()
    {
        _limiter?.Dispose();
        _retired.ForEach(limiter => limiter.Dispose());
    }

    private TokenBucketRateLimiter Limiter()
    {
        var silos = Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active));
        lock (_lock)
        {
            if (_limiter is null || silos != _silos)
            {
                var perSecond = options.Value.MaxRequestsPerSecond;
                var old = _limiter;
                _silos = silos;
                _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, perSecond / silos),
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromSeconds((double)silos / perSecond),
                    QueueLimit = 10_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                });
                // Calls may still wait on the old one: it is disposed with the silo, not now.
                if (old is not null)
                {
                    _retired.Add(old);
                }
            }

            return _limiter;
        }
    }
}

/// <summary>Runs manual and sweep syncs; <see cref="IOwnerSyncGrain.Workers"/> of them, placed by Orleans over the silos, so syncs spread over the cluster.</summary>
[Orleans.Concurrency.Reentrant]
public sealed class OwnerSyncGrain : Grain, IOwnerSyncGrain
{
    public async Task<SyncResult> SyncAsync(string ownerUserId, SyncTrigger trigger)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        if (ServiceProvider.GetService(typeof(OwnerSynchronizer)) is not OwnerSynchronizer synchronizer)
        {
            return new SyncResult(null, NotConfigured: true, null, 0);
        }

        // Under Orleans' 30 s response timeout, so the caller hears how it ended instead of a timeout
        // while the sync would still run on (the sweep would send the owner again).
        using var deadline = new CancellationTokenSource(RunTimeout);
        try
        {
            return new SyncResult((await synchronizer.RunAsync(ownerUserId, trigger, deadline.Token)).Report, false, null, 0);
        }
        catch (OpenImApiException failure)
        {
            return new SyncResult(null, false, failure.Message, failure.ErrCode);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new SyncResult(null, false, $"The sync did not end within {RunTimeout.TotalSeconds:0} s (OpenIM slow, or the call budget is taken); it is retried.", 0);
        }
        catch (InvalidOperationException moving)
        {
            return new SyncResult(null, false, moving.Message, PositionKeptMoving);
        }
    }

    /// <summary>The errCode of a sync whose owner's position moved on every attempt (not one of OpenIM's).</summary>
    public const int PositionKeptMoving = -2;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(25);
}
