using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Limits;

namespace OrleansRemarks.WebFront.Security;

public static class QueryApiProtection
{
    /// <summary>
    /// A group for the query API's endpoints: API key required when <c>Api:Keys</c> is set, the
    /// per-client rate limit unless it is off (<c>Api:RateLimit:PermitsPerSecond=0</c>), and the
    /// body size limit. Map the query endpoints into it.
    /// </summary>
    public static RouteGroupBuilder MapProtectedQueryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("");
        var services = endpoints.ServiceProvider;
        if (services.GetRequiredService<IOptions<ApiAccessOptions>>().Value.HasKeys)
        {
            group.RequireAuthorization(ApiAccessPolicies.QueryApi);
        }

        if (services.GetRequiredService<IOptions<RateLimitOptions>>().Value.IsEnabled)
        {
            group.RequireRateLimiting(QueryRateLimiting.PolicyName);
        }

        group.AddEndpointFilter<QueryBodyLimitFilter>();
        return group;
    }
}
