using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Limits;

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    private const string Section = RateLimitOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.PermitsPerSecond is < 0 or > RateLimitOptions.Largest)
        {
            failures.Add($"{Section}:PermitsPerSecond must be between 0 (no limit) and {RateLimitOptions.Largest} (default {RateLimitOptions.DefaultPermitsPerSecond}, off).");
        }

        if (options.Burst is < 1 or > RateLimitOptions.Largest)
        {
            failures.Add($"{Section}:Burst must be between 1 and {RateLimitOptions.Largest} (default: {Section}:PermitsPerSecond, one second's worth).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
