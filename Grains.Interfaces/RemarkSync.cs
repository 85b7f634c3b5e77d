using Orleans.Concurrency;

namespace OrleansRemarks.Grains.Interfaces;

/// <summary>What started a sync of one owner with OpenIM (the <c>trigger</c> label of the sync metrics).</summary>
[GenerateSerializer, Alias("OrleansRemarks.SyncTrigger")]
public enum SyncTrigger
{
    /// <summary>An after-set-remark or after-delete callback, <c>Reconcile:AfterCallbackDelay</c> later.</summary>
    Callback = 0,

    /// <summary>A read of an owner whose last sync is older than <c>Reconcile:MaxStaleness</c>.</summary>
    Stale = 1,

    /// <summary>The cluster-wide sweep over every OpenIM user (<c>Reconcile:Interval</c>, or a backfill).</summary>
    Sweep = 2,

    /// <summary><c>POST /api/v1/users/{owner}/remarks:sync</c>.</summary>
    Manual = 3,

    /// <summary>A retry after a failed sync, or a follow-up after a sync that met a concurrent callback.</summary>
    Retry = 4,
}

/// <summary>Where an owner's copy stands in OpenIM's per-owner version log; an empty VersionId means never synced.</summary>
/// <param name="ReadAt">The owner's clock when this was read: a sync fetched after it.</param>
/// <param name="Unverified">
/// Friends a callback changed since the last sync began. OpenIM's version log cannot tell whether
/// such a callback was late (older than what OpenIM holds), so the sync asks OpenIM for them by name.
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.SyncPosition")]
public sealed record SyncPosition(
    [property: Id(0)] string VersionId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset? LastSyncedAt,
    [property: Id(3)] DateTimeOffset ReadAt,
    [property: Id(4)] IReadOnlyList<string> Unverified,
    [property: Id(5)] DateTimeOffset? LastFullAt);

/// <summary>A friend and the remark OpenIM holds for them ("" for none).</summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.OpenImFriendRemark")]
public sealed record OpenImFriendRemark(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string Remark);

/// <summary>
/// What OpenIM said about one owner, fetched from <see cref="Base"/>. With <see cref="Full"/> the
/// upserts are every friend the owner has in OpenIM and any other remark held here goes. Without it,
/// the upserts and deletes are OpenIM's changes since the base version plus the unverified friends.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.OpenImDelta")]
public sealed record OpenImDelta(
    [property: Id(0)] SyncPosition Base,
    [property: Id(1)] string VersionId,
    [property: Id(2)] long Version,
    [property: Id(3)] bool Full,
    [property: Id(4)] IReadOnlyList<OpenImFriendRemark> Upserts,
    [property: Id(5)] IReadOnlyList<string> Deletes,
    [property: Id(6)] DateTimeOffset FetchStartedAt);

/// <summary>What one sync changed here: the drift that callbacks had missed.</summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.SyncReport")]
public sealed record SyncReport(
    [property: Id(0)] int Added,
    [property: Id(1)] int Updated,
    [property: Id(2)] int Removed,
    [property: Id(3)] bool Full,
    [property: Id(4)] long Version,
    [property: Id(5)] int OpenImCalls)
{
    public int Changes => Added + Updated + Removed;
}

/// <summary>The answer of <see cref="IUserFriendsGrain.ApplyOpenImDeltaAsync"/>.</summary>
/// <param name="Report">What changed; null when the owner's position moved since the fetch (fetch again).</param>
/// <param name="Deferred">Friends left alone because a callback changed them after the fetch began; a follow-up sync verifies them.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.DeltaApplied")]
public sealed record DeltaApplied(
    [property: Id(0)] SyncReport? Report,
    [property: Id(1)] int Deferred);

/// <summary>Runs one owner's sync now, on whichever silo holds this worker (spread by its key).</summary>
[Alias("OrleansRemarks.IOwnerSyncGrain")]
public interface IOwnerSyncGrain : IGrainWithIntegerKey
{
    /// <summary>Workers to spread syncs over; the key of an owner's worker is a hash of its ID modulo this.</summary>
    public const int Workers = 64;

    [Alias("Sync")]
    Task<SyncResult> SyncAsync(string ownerUserId, SyncTrigger trigger);
}

/// <summary>Spreads owners over the <see cref="IOwnerSyncGrain.Workers"/> sync workers.</summary>
public static class OwnerSyncWorkers
{
    public static IOwnerSyncGrain GetOwnerSyncWorker(this IGrainFactory grains, string ownerUserId) =>
        grains.GetGrain<IOwnerSyncGrain>((StringComparer.Ordinal.GetHashCode(ownerUserId) & int.MaxValue) % IOwnerSyncGrain.Workers);
}

/// <summary>How one sync on request ended; no exception crosses the wire for OpenIM's failures.</summary>
/// <param name="Report">What changed, when the sync ran.</param>
/// <param name="NotConfigured">True when no silo setting <c>OpenIM:ApiUrl</c> is set.</param>
/// <param name="OpenImError">Why OpenIM's answer could not be used (it did not answer, refused, or answered garbage).</param>
/// <param name="OpenImErrCode">OpenIM's errCode (an HTTP status if it answered another than 200; 0 if it did not answer; -1 for garbage).</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.SyncResult")]
public sealed record SyncResult(
    [property: Id(0)] SyncReport? Report,
    [property: Id(1)] bool NotConfigured,
    [property: Id(2)] string? OpenImError,
    [property: Id(3)] int OpenImErrCode);

/// <summary>The sweep over every OpenIM user: one per cluster (key <see cref="Key"/>), its position stored in PostgreSQL.</summary>
[Alias("OrleansRemarks.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>The one sweep's key.</summary>
    public const string Key = "openim";

    /// <summary>Wakes the sweep (every silo calls this now and then, so it survives the loss of its silo).</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunningAsync();

    /// <summary>Starts a sweep at full rate now, unless one is under way (it then goes on at full rate).</summary>
    [Alias("StartNow")]
    Task<SweepStatus> StartNowAsync();

    [Alias("GetStatus"), AlwaysInterleave]
    Task<SweepStatus> GetStatusAsync();
}

/// <summary>Reconciliation's state for <c>GET /api/v1/sync/status</c> and the backfill command.</summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.SweepStatus")]
public sealed record SweepStatus(
    [property: Id(0)] bool Configured,
    [property: Id(1)] bool Running,
    [property: Id(2)] long Number,
    [property: Id(3)] DateTimeOffset? StartedAt,
    [property: Id(4)] DateTimeOffset? FinishedAt,
    [property: Id(5)] long OwnersDone,
    [property: Id(6)] long Total,
    [property: Id(7)] long ChangesFound,
    [property: Id(8)] long Errors,
    [property: Id(9)] DateTimeOffset? NextStartAt,
    [property: Id(10)] string? LastError,
    [property: Id(11)] DateTimeOffset? LastErrorAt,
    [property: Id(12)] bool FullRate);
