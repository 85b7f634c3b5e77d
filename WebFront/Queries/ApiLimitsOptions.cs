using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>Size limits of the query API (section <c>Api</c>).</summary>
public sealed class ApiLimitsOptions
{
    public const string SectionName = "Api";

    public const int DefaultMaxBodyBytes = 1024 * 1024;

    public const int LargestMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Larger request bodies (today only <c>remarks:lookup</c> has one) are answered 413.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Most friend IDs in one <c>remarks:lookup</c>; at most the grain's own bound.</summary>
    public int MaxLookupIds { get; set; } = RemarkLimits.MaxLookupIds;

    /// <summary>Largest <c>limit</c> of a page of remarks; at most the grain's own bound.</summary>
    public int MaxPageSize { get; set; } = RemarkLimits.MaxPageSize;
}

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
