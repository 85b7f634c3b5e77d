using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

/// <summary>The keys that open the dashboard: <c>Dashboard:Keys</c>, else <c>Api:Keys</c>.</summary>
public sealed class OperatorKeySet(IOptions<DashboardAccessOptions> dashboard, IOptions<ApiAccessOptions> api)
{
    public ApiKeySet Keys { get; } = ApiKeySet.ForOperators(dashboard, api);
}
