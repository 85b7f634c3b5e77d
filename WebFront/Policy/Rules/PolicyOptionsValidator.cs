using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Policy.Rules;

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
