namespace OrleansRemarks.WebFront.Limits;

/// <summary>
/// The per-client rate limit of the query API (section <c>Api:RateLimit</c>): a token bucket per client,
/// holding up to <see cref="Burst"/> requests and refilled with <see cref="PermitsPerSecond"/> a second.
/// A client is its API key when it presents a valid one, else its address.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    public const int DefaultPermitsPerSecond = 500;

    public const int DefaultBurst = 1000;

    public const int Largest = 1_000_000;

    /// <summary>Sustained requests per second and client; 0 turns the limit off.</summary>
    public int PermitsPerSecond { get; set; } = DefaultPermitsPerSecond;

    /// <summary>Requests a client may make at once after being idle.</summary>
    public int Burst { get; set; } = DefaultBurst;

    public bool IsEnabled => PermitsPerSecond > 0;
}
