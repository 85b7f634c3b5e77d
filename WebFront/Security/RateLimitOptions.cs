using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// The per-client rate limit of the query API (section <c>Api:RateLimit</c>): a token bucket per client,
/// holding up to <see cref="Burst"/> requests and refilled with <see cref="PermitsPerSecond"/> a second.
/// A client is its API key when it presents a valid one, else its address (an IPv6 address by its
/// /64 network). Off until <see cref="PermitsPerSecond"/> is set: the API's callers are the app's own
/// backends, few addresses at high rates, and a default limit would throttle a well-behaved one.
/// Each web front counts for itself: behind N web fronts a client may make up to N times the limit,
/// and when one web front stops the others do not take over its share.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    public const int DefaultPermitsPerSecond = 0;

    public const int Largest = 1_000_000;

    /// <summary>Sustained requests per second and client on this web front; 0 (the default) turns the limit off.</summary>
    public int PermitsPerSecond { get; set; } = DefaultPermitsPerSecond;

    /// <summary>Requests a client may make at once after being idle; unset: one second's worth (<see cref="PermitsPerSecond"/>).</summary>
    public int? Burst { get; set; }

    public bool IsEnabled => PermitsPerSecond > 0;

    public int EffectiveBurst => Burst ?? Math.Max(1, PermitsPerSecond);
}

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
