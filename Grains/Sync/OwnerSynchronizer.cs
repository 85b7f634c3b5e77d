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
        await budget.AcquireAsync(limited, cancellationToken);
        var incremental = await api.GetIncrementalFriendsAsync(ownerUserId, position.VersionId, position.Version, cancellationToken);
        var calls = 1;
        if (!incremental.Full)
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
        // A friend deleted since the ID list was read is left out, and so removed here.
        calls += await AddDesignatedAsync(ownerUserId, friendIds, remarks, absent: null, limited, cancellationToken);
        return (new OpenImDelta(position, ids.VersionId!, ids.Version, Full: true, remarks, [], position.ReadAt), calls);
    }

    /// <summary>Asks OpenIM for <paramref name="friendIds"/> in batches; friends it has go to <paramref name="present"/>, the others to <paramref name="absent"/>.</summary>
    /// <returns>The calls made.</returns>
    private async Task<int> AddDesignatedAsync(
        string ownerUserId, IReadOnlyList<string> friendIds, List<OpenImFriendRemark> present, List<string>? absent, bool limited, CancellationToken cancellationToken)
    {
        var calls = 0;
        foreach (var batch in friendIds.Chunk(OpenImApiClient.MaxIdsPerCall))
        {
            await budget.AcquireAsync(limited, cancellationToken);
            calls++;
            var asked = batch.ToHashSet(StringComparer.Ordinal);
            foreach (var friend in await api.GetDesignatedFriendsAsync(ownerUserId, batch, cancellationToken))
            {
                if (asked.Remove(friend.FriendUser!.UserId!))
                {
                    present.Add(new OpenImFriendRemark(friend.FriendUser.UserId!, friend.Remark!));
                }
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

    public void Dispose() => _limiter?.Dispose();

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
                old?.Dispose();
            }

            return _limiter;
        }
    }
}

/// <summary>Runs manual and sweep syncs; 64 of them, placed by Orleans over the silos, so syncs spread over the cluster.</summary>
[Orleans.Concurrency.Reentrant]
public sealed class OwnerSyncGrain(IServiceProvider services) : Grain, IOwnerSyncGrain
{
    public async Task<SyncResult> SyncAsync(string ownerUserId, SyncTrigger trigger)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        if (services.GetService(typeof(OwnerSynchronizer)) is not OwnerSynchronizer synchronizer)
        {
            return new SyncResult(null, NotConfigured: true, null, 0);
        }

        try
        {
            return new SyncResult((await synchronizer.RunAsync(ownerUserId, trigger, CancellationToken.None)).Report, false, null, 0);
        }
        catch (OpenImApiException failure)
        {
            return new SyncResult(null, false, failure.Message, failure.ErrCode);
        }
    }
}
