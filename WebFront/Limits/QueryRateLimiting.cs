using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Limits;

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
