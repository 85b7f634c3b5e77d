using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Limits;

namespace OrleansRemarks.WebFront.Security;

public static class QueryApiProtection
{
    /// <summary>
    /// A group for the query API's endpoints: API key required when <c>Api:Keys</c> is set, the
    /// per-client rate limit, and the body size limit. Map the query endpoints into it.
    /// </summary>
    public static RouteGroupBuilder MapProtectedQueryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("");
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<ApiAccessOptions>>().Value.HasKeys)
        {
            group.RequireAuthorization(ApiAccessPolicies.QueryApi);
        }

        group.RequireRateLimiting(QueryRateLimiting.PolicyName)
            .AddEndpointFilter<QueryBodyLimitFilter>();
        return group;
    }
}
