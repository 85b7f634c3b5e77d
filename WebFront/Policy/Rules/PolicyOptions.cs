using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Policy.Rules;

/// <summary>
/// <c>Policy:*</c>: rules a before-set-remark callback is checked against. Every rule is off by
/// default. Re-read while running: a changed configuration source (e.g. <c>appsettings.json</c>)
/// applies on the next callback; an invalid change is logged and the previous rules stay.
/// </summary>
public sealed class PolicyOptions
{
    public const string SectionName = "Policy";

    public const int DefaultTimeoutMilliseconds = 200;

    /// <summary>OpenIM's default webhook timeout is 5 s; a before-callback must answer well inside it.</summary>
    public const int LongestTimeoutMilliseconds = 2000;

    public const int LargestMaxLength = 100_000;

    public const int MostBlockedTerms = 10_000;

    public const int LongestBlockedTerm = 200;

    /// <summary>The owner grain keeps one timestamp per counted change: this bounds its memory.</summary>
    public const int LargestMaxChangesPerOwnerPerMinute = 10_000;

    /// <summary>Most text elements (grapheme clusters: an emoji with modifiers is one) in a remark; 0 turns the rule off.</summary>
    public int MaxLength { get; set; }

    /// <summary>Terms a remark must not contain, compared after NFKC normalisation and case folding; empty turns the rule off.</summary>
    public List<string> BlockedTerms { get; set; } = [];

    /// <summary>Trim, collapse whitespace and strip invisible characters; the reply then carries the rewritten remark.</summary>
    public bool Normalize { get; set; }

    /// <summary>Most remark changes one owner may make in any 60 s (counted by the owner's grain, in memory); 0 turns the rule off.</summary>
    public int MaxChangesPerOwnerPerMinute { get; set; }

    /// <summary>A decision that takes longer answers "continue" (fail open) and is counted.</summary>
    public int TimeoutMilliseconds { get; set; } = DefaultTimeoutMilliseconds;
}

/// <summary>Checks <c>Policy:*</c> at start (a bad value stops the web front) and on every reload (a bad value is logged and ignored).</summary>
public sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    private const string Section = PolicyOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var failures = new List<string>();
        if (options.MaxLength is < 0 or > PolicyOptions.LargestMaxLength)
        {
            failures.Add($"{Section}:MaxLength must be from 0 (off) to {PolicyOptions.LargestMaxLength} text elements.");
        }

        if (options.MaxChangesPerOwnerPerMinute is < 0 or > PolicyOptions.LargestMaxChangesPerOwnerPerMinute)
        {
            failures.Add($"{Section}:MaxChangesPerOwnerPerMinute must be from 0 (off) to {PolicyOptions.LargestMaxChangesPerOwnerPerMinute}.");
        }

        if (options.TimeoutMilliseconds is < 1 or > PolicyOptions.LongestTimeoutMilliseconds)
        {
            failures.Add(
                $"{Section}:TimeoutMilliseconds must be from 1 to {PolicyOptions.LongestTimeoutMilliseconds} " +
                $"(default {PolicyOptions.DefaultTimeoutMilliseconds}).");
        }

        ValidateTerms(options.BlockedTerms ?? [], failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTerms(List<string> terms, List<string> failures)
    {
        if (terms.Count == 0)
        {
            return;
        }

        if (!RemarkText.CanNormalizeCompatibility)
        {
            failures.Add(
                $"{Section}:BlockedTerms needs Unicode NFKC normalisation, which this process lacks " +
                "(globalization-invariant mode or no ICU library); install libicu.");
            return;
        }

        if (terms.Count > PolicyOptions.MostBlockedTerms)
        {
            failures.Add($"{Section}:BlockedTerms holds {terms.Count} terms; at most {PolicyOptions.MostBlockedTerms} are allowed.");
        }

        for (var index = 0; index < terms.Count; index++)
        {
            var term = terms[index];
            if (string.IsNullOrEmpty(term) || RemarkText.MatchingForm(term).Length == 0)
            {
                failures.Add($"{Section}:BlockedTerms:{index} is empty or only whitespace and invisible characters.");
            }
            else if (term.Length > PolicyOptions.LongestBlockedTerm)
            {
                failures.Add($"{Section}:BlockedTerms:{index} is longer than {PolicyOptions.LongestBlockedTerm} characters.");
            }
        }
    }
}
