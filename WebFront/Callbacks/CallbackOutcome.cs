namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>How one callback ended; the <c>outcome</c> label of <c>orleansremarks_callbacks_total</c>.</summary>
public enum CallbackOutcome
{
    /// <summary>The change was stored: the owner's version grew by one.</summary>
    Applied,

    /// <summary>The change equals what is stored; nothing was written.</summary>
    Unchanged,

    /// <summary>A replay of one of the pair's last applied changes (same operationID and remark); nothing was written.</summary>
    Duplicate,

    /// <summary>Refused as sent (errCode 200xx, HTTP 400); nothing was stored.</summary>
    Rejected,

    /// <summary>Storage or the cluster failed, timed out, or an unexpected error (errCode 250xx, HTTP 503/500).</summary>
    Failed,

    /// <summary>A command this service does not act on (before-callbacks, anything else): answered "continue" at once.</summary>
    Ignored,

    /// <summary>A before-set-remark callback answered by the remark policy (see <c>orleansremarks_policy_decisions_total</c>).</summary>
    Decided,
}
