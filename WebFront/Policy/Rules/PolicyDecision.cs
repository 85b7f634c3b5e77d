namespace OrleansRemarks.WebFront.Policy.Rules;

/// <summary>What the policy answers to one before-set-remark callback.</summary>
/// <param name="RewrittenRemark">The remark OpenIM is to store instead: with <see cref="PolicyDecisionKind.Rewritten"/>, or a failed-open rate check after a rewrite.</param>
/// <param name="Code">With <see cref="PolicyDecisionKind.Refused"/>: the errCode.</param>
/// <param name="Detail">The reply's <c>errDlt</c> when refused; otherwise why (for the log), or "".</param>
public sealed record PolicyDecision(
    PolicyRule Rule,
    PolicyDecisionKind Kind,
    string? RewrittenRemark = null,
    PolicyRefusalCode? Code = null,
    string Detail = "")
{
    public static PolicyDecision Allowed { get; } = new(PolicyRule.None, PolicyDecisionKind.Allowed);

    public static PolicyDecision Rewritten(string remark) => new(PolicyRule.Normalize, PolicyDecisionKind.Rewritten, remark);

    public static PolicyDecision Refused(PolicyRule rule, PolicyRefusalCode code, string detail) =>
        new(rule, PolicyDecisionKind.Refused, Code: code, Detail: detail);

    public static PolicyDecision FailedOpen(PolicyRule rule, string detail) => new(rule, PolicyDecisionKind.FailedOpen, Detail: detail);
}

/// <summary>The <c>rule</c> label of <c>orleansremarks_policy_decisions_total</c>: which rule decided (or was deciding when it failed open).</summary>
public enum PolicyRule
{
    /// <summary>No rule refused or rewrote the remark.</summary>
    None,

    /// <summary>The callback body could not be read or parsed: answered "continue".</summary>
    Input,

    MaxLength,

    BlockedTerms,

    Normalize,

    /// <summary><c>Policy:MaxChangesPerOwnerPerMinute</c>, asked of the owner's grain.</summary>
    Rate,
}

/// <summary>The <c>decision</c> label.</summary>
public enum PolicyDecisionKind
{
    /// <summary>"Continue" with the remark as sent.</summary>
    Allowed,

    /// <summary>"Continue" with the normalised remark in the reply's <c>remark</c>.</summary>
    Rewritten,

    /// <summary>The change is refused: <c>actionCode</c> 0, <c>nextCode</c> 1 and a 22xxx <c>errCode</c>.</summary>
    Refused,

    /// <summary>An internal error, an unanswering silo or <c>Policy:TimeoutMilliseconds</c> elapsed: "continue".</summary>
    FailedOpen,
}

public static class PolicyLabels
{
    public static string Of(PolicyRule rule) => rule switch
    {
        PolicyRule.None => "none",
        PolicyRule.Input => "input",
        PolicyRule.MaxLength => "max_length",
        PolicyRule.BlockedTerms => "blocked_terms",
        PolicyRule.Normalize => "normalize",
        PolicyRule.Rate => "rate",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown policy rule."),
    };

    public static string Of(PolicyDecisionKind decision) => decision switch
    {
        PolicyDecisionKind.Allowed => "allowed",
        PolicyDecisionKind.Rewritten => "rewritten",
        PolicyDecisionKind.Refused => "refused",
        PolicyDecisionKind.FailedOpen => "failed_open",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown policy decision."),
    };
}

/// <summary>
/// The <c>errCode</c> of a refusal of a before-set-remark callback. OpenIM reserves 20001–29999 for
/// the receiver; the policy owns 22001–22999, apart from the input errors (200xx) and the
/// service failures (250xx) of <c>CallbackErrorCode</c>. OpenIM hands <c>errCode</c>,
/// <c>errMsg</c> and <c>errDlt</c> to the user whose remark edit was refused.
/// </summary>
public enum PolicyRefusalCode
{
    /// <summary>More text elements than <c>Policy:MaxLength</c>.</summary>
    TooLong = 22001,

    /// <summary>Contains one of <c>Policy:BlockedTerms</c>.</summary>
    BlockedTerm = 22002,

    /// <summary>The owner already made <c>Policy:MaxChangesPerOwnerPerMinute</c> changes in the last 60 s.</summary>
    TooManyChanges = 22003,
}

public static class PolicyRefusalMessages
{
    /// <summary>The short <c>errMsg</c>, written for the end user.</summary>
    public static string ShortMessage(PolicyRefusalCode code) => code switch
    {
        PolicyRefusalCode.TooLong => "remark is too long",
        PolicyRefusalCode.BlockedTerm => "remark contains a word that is not allowed",
        PolicyRefusalCode.TooManyChanges => "too many remark changes, try again later",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown policy refusal code."),
    };
}
