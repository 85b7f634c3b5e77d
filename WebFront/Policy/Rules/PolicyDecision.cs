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
