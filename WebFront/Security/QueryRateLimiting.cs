using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// ASP.NET Core rate limiting for the query API: a token bucket per client, 429 with <c>Retry-After</c>.
/// Off unless <c>Api:RateLimit:PermitsPerSecond</c> is set; counted by each web front for itself.
/// </summary>
public static class QueryRateLimiting
{
    public const string PolicyName = "QueryApi";

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddQueryRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(PolicyName, Partitioner(settings.Value));
        });
        return services;
    }

    /// <summary>Decided once from the settings; per request only the client is identified.</summary>
    private static Func<HttpContext, RateLimitPartition<string>> Partitioner(RateLimitOptions settings)
    {
        if (!settings.IsEnabled)
        {
            var unlimited = RateLimitPartition.GetNoLimiter("");
            return _ => unlimited;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.EffectiveBurst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return context => RateLimitPartition.GetTokenBucketLimiter(RateLimitClient.Identify(context), _ => bucket);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client exceeded its rate limit on the query API; retry after {seconds} s.",
            },
        });
    }
}

/// <summary>Who a request counts against: its valid API key, else its client address (IPv6: its /64).</summary>
public static class RateLimitClient
{
    /// <summary>
    /// Only an authenticated key names the client, so inventing keys gives no fresh buckets; the
    /// address is the peer's, or the one a trusted proxy reported (a spoofed header is ignored earlier).
    /// </summary>
    public static string Identify(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiAccessPolicies.ApiKeyScheme } &&
            context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId)
        {
            return "key:" + keyId;
        }

        var address = context.Connection.RemoteIpAddress;
        return "ip:" + (address is null ? "unknown" : PartitionOf(IpNetworkList.Normalize(address)));
    }

    /// <summary>
    /// An IPv4 address is itself; an IPv6 address stands for its /64, the smallest network a site is
    /// given (a host picks any address in it at will, so per address a client could have 2^64 buckets).
    /// </summary>
    private static string PartitionOf(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}

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
