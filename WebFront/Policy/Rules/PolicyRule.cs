namespace OrleansRemarks.WebFront.Policy.Rules;

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
