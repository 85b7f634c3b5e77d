namespace OrleansRemarks.FaultRunner.Verification;

public enum PairVerdict
{
    /// <summary>The stored remark is the pair's last acknowledged one (or none, when nothing was acknowledged).</summary>
    Match,

    /// <summary>The stored remark is that of a later callback that failed: it was applied after all (allowed).</summary>
    LaterErroredApplied,

    /// <summary>An acknowledged change is not what is stored: a loss, or a false success.</summary>
    Lost,

    /// <summary>Nothing was acknowledged, yet something not sent after the last acknowledgement is stored.</summary>
    Unexpected,
}
