using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Limits;

public sealed class ApiLimitsOptionsValidator : IValidateOptions<ApiLimitsOptions>
{
    private const string Section = ApiLimitsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ApiLimitsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 1 or > ApiLimitsOptions.LargestMaxBodyBytes)
        {
            failures.Add($"{Section}:MaxBodyBytes must be between 1 and {ApiLimitsOptions.LargestMaxBodyBytes} (default {ApiLimitsOptions.DefaultMaxBodyBytes}).");
        }

        if (options.MaxLookupIds is < 1 or > RemarkLimits.MaxLookupIds)
        {
            failures.Add($"{Section}:MaxLookupIds must be between 1 and {RemarkLimits.MaxLookupIds} (the default).");
        }

        if (options.MaxPageSize is < 1 or > RemarkLimits.MaxPageSize)
        {
            failures.Add($"{Section}:MaxPageSize must be between 1 and {RemarkLimits.MaxPageSize} (the default).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
