using OrleansRemarks.WebFront.Operations.Metrics;
using OrleansRemarks.WebFront.Operations.OpenApi;

namespace OrleansRemarks.WebFront.Queries;

public static class QueryEndpoints
{
    /// <summary>
    /// <c>GET /api/v1/users/{owner}/remarks/{friend}</c>, <c>GET /api/v1/users/{owner}/remarks</c> and
    /// <c>POST /api/v1/users/{owner}/remarks:lookup</c>; user IDs are percent-encoded path segments.
    /// </summary>
    public static IEndpointRouteBuilder MapRemarkQueries(this IEndpointRouteBuilder endpoints)
    {
        var user = endpoints.MapGroup("/api/v1/users/{ownerUserId}").WithTags("Remarks");
        user.AddEndpointFilter<QueryMetricsFilter>();
        user.WithQueryDocumentation();
        user.MapGet("/remarks/{friendUserId}", RemarkQueryHandlers.GetRemarkAsync).WithName("GetRemark");
        user.MapGet("/remarks", RemarkQueryHandlers.ListRemarksAsync).WithName("ListRemarks");
        user.MapPost("/remarks:lookup", RemarkQueryHandlers.LookupRemarksAsync).WithName("LookupRemarks");
        return endpoints;
    }
}
