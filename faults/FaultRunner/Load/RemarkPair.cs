namespace OrleansRemarks.FaultRunner.Load;

/// <summary>
/// An (owner, friend) pair of the load. Its callbacks are sent one after another by a single
/// worker, so "the last acknowledged remark" of the pair is well defined.
/// </summary>
public sealed class RemarkPair(int index, string ownerUserId, string friendUserId)
{
    public int Index { get; } = index;

    public string OwnerUserId { get; } = ownerUserId;

    public string FriendUserId { get; } = friendUserId;

    /// <summary>In send order (by first delivery).</summary>
    public List<CallbackRecord> Callbacks { get; } = [];

    /// <summary>Late replays waiting to be delivered (duplicate storm), each due after some more callbacks.</summary>
    public List<PendingReplay> PendingReplays { get; } = [];

    /// <summary>The pair gets no traffic before this (ramp-up of the owner set).</summary>
    public DateTimeOffset EligibleAt { get; set; }

    /// <summary>
    /// After an error the pair is left alone until then: an errored callback may still be applied
    /// until Orleans gives up on it, and must not land after a later, acknowledged one.
    /// </summary>
    public DateTimeOffset QuietUntil { get; set; }

    public bool IsReady(DateTimeOffset now) => now >= EligibleAt && now >= QuietUntil;
}
