namespace OrleansRemarks.WebFront.Policy.Rules;

/// <summary>
/// One immutable set of rules built from valid <see cref="PolicyOptions"/>. <see cref="DecideWithoutState"/>
/// applies every rule that needs no state; the per-owner rate is left to the owner's grain.
/// </summary>
public sealed class RemarkRules
{
    private readonly string[] _matchingTerms;

    public RemarkRules(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxLength = options.MaxLength;
        BlockedTerms = [.. options.BlockedTerms ?? []];
        _matchingTerms = [.. BlockedTerms.Select(RemarkText.MatchingForm)];
        Normalize = options.Normalize;
        MaxChangesPerOwnerPerMinute = options.MaxChangesPerOwnerPerMinute;
        Timeout = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds);
    }

    public static RemarkRules Off { get; } = new(new PolicyOptions());

    public int MaxLength { get; }

    public IReadOnlyList<string> BlockedTerms { get; }

    public bool Normalize { get; }

    public int MaxChangesPerOwnerPerMinute { get; }

    public TimeSpan Timeout { get; }

    /// <summary>False when every rule is off: before-callbacks are then answered "continue" unread.</summary>
    public bool IsActive => MaxLength > 0 || _matchingTerms.Length > 0 || Normalize || AsksOwner;

    /// <summary>Whether the owner's grain has to be asked (the only rule with state).</summary>
    public bool AsksOwner => MaxChangesPerOwnerPerMinute > 0;

    /// <summary>
    /// Normalises (when on), then checks the length and the blocked terms of the remark OpenIM would
    /// store. A remark that normalises to "" is checked and allowed as sent: a reply cannot make OpenIM
    /// store an empty remark.
    /// </summary>
    public PolicyDecision DecideWithoutState(string remark)
    {
        ArgumentNullException.ThrowIfNull(remark);
        string? rewritten = null;
        if (Normalize)
        {
            var normalized = RemarkText.Normalize(remark);
            if (normalized.Length > 0 && !string.Equals(normalized, remark, StringComparison.Ordinal))
            {
                rewritten = normalized;
            }
        }

        var stored = rewritten ?? remark;
        if (MaxLength > 0)
        {
            var length = RemarkText.CountTextElements(stored);
            if (length > MaxLength)
            {
                return PolicyDecision.Refused(PolicyRule.MaxLength, PolicyRefusalCode.TooLong,
                    $"The remark has {length} characters (text elements); at most {MaxLength} are allowed (Policy:MaxLength).");
            }
        }

        if (_matchingTerms.Length > 0 && FindBlockedTerm(stored) is { } term)
        {
            return PolicyDecision.Refused(PolicyRule.BlockedTerms, PolicyRefusalCode.BlockedTerm,
                $"The remark contains a blocked term (Policy:BlockedTerms:{term}), compared after NFKC normalisation and case folding.");
        }

        return rewritten is null ? PolicyDecision.Allowed : PolicyDecision.Rewritten(rewritten);
    }

    /// <summary>The index of the first blocked term in <paramref name="remark"/>, or null.</summary>
    public int? FindBlockedTerm(string remark)
    {
        var matching = RemarkText.MatchingForm(remark);
        for (var index = 0; index < _matchingTerms.Length; index++)
        {
            if (matching.Contains(_matchingTerms[index], StringComparison.Ordinal))
            {
                return index;
            }
        }

        return null;
    }
}
