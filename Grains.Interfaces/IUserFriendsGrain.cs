using Orleans.Concurrency;

namespace OrleansRemarks.Grains.Interfaces;

/// <summary>
/// One activation per owner user: holds every remark that owner has set on friends.
/// Get it with <see cref="UserFriendsGrainKey.For"/>, never with a raw user ID.
/// </summary>
[Alias("OrleansRemarks.IUserFriendsGrain")]
[GrainInterfaceType(UserFriendsGrainKey.InterfaceTypeName)]
public interface IUserFriendsGrain : IGrainWithStringKey
{
    /// <summary>Applies OpenIM's after-set-friend-remark; returns once the change is durable.</summary>
    [Alias("ApplyRemark")]
    Task<RemarkChangeResult> ApplyRemarkAsync(RemarkChange change);

    /// <summary>Applies OpenIM's after-delete-friend; returns once the removal is durable.</summary>
    [Alias("RemoveFriend")]
    Task<RemarkChangeResult> RemoveFriendAsync(FriendRemoval removal);

    /// <summary>The remark on one friend, or null when none is set.</summary>
    [Alias("GetRemark"), ReadOnly]
    Task<FriendRemark?> GetRemarkAsync(string friendUserId);

    /// <summary>A page of remarks in ordinal order of friend user ID, after a keyset cursor.</summary>
    [Alias("ListRemarks"), ReadOnly]
    Task<RemarkPage> ListRemarksAsync(RemarkPageRequest request);

    /// <summary>The remarks of up to <see cref="RemarkLimits.MaxLookupIds"/> friends; friends without one are left out.</summary>
    [Alias("LookupRemarks"), ReadOnly]
    Task<RemarkLookupResult> LookupRemarksAsync(RemarkLookup lookup);

    /// <summary>
    /// <see cref="LookupRemarksAsync"/> with the IDs and the answer packed (<see cref="PackedStrings"/>):
    /// what a web front that is only a client of the silos calls, since every such call crosses the wire.
    /// </summary>
    [Alias("LookupRemarksPacked"), ReadOnly]
    Task<PackedLookupResult> LookupRemarksPackedAsync(PackedStrings friendUserIds);

    /// <summary>Where this owner stands in OpenIM's version log, and when it was last synced.</summary>
    [Alias("GetSyncPosition"), ReadOnly]
    Task<SyncPosition> GetSyncPositionAsync();

    /// <summary>
    /// Applies what OpenIM said (it wins over earlier callbacks) and stores its position; writes
    /// nothing when nothing changed. Serialised with callbacks like any other change.
    /// </summary>
    [Alias("ApplyOpenImDelta")]
    Task<DeltaApplied> ApplyOpenImDeltaAsync(OpenImDelta delta);

    /// <summary>Background sync <paramref name="run"/> of this owner ended; the next pending one may start.</summary>
    [Alias("BackgroundSyncEnded"), OneWay]
    Task BackgroundSyncEndedAsync(long run, bool succeeded, bool followUp);

    /// <summary>
    /// Counts one remark change of this owner against <paramref name="maxPerMinute"/> in a sliding
    /// 60 s window held in the activation's memory only (no storage write; a new activation starts
    /// from zero). Interleaves with everything, so a slow write never delays a before-callback.
    /// </summary>
    [Alias("CountRemarkChange"), AlwaysInterleave]
    Task<RemarkRateDecision> CountRemarkChangeAsync(int maxPerMinute);
}

/// <summary>The grain's own bounds; the web front may set lower ones (<c>Api:MaxPageSize</c>, <c>Api:MaxLookupIds</c>).</summary>
public static class RemarkLimits
{
    public const int MaxPageSize = 1000;

    public const int MaxLookupIds = 1000;

    /// <summary>How many of a pair's most recent applied changes are remembered for deduplication.</summary>
    public const int RememberedChangesPerFriend = 4;
}
