using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansRemarks.Bench.Baseline;

public static class QueryEndpoints
{
    private const int MaxLookupIds = 1000;

    public static async Task<Results<JsonHttpResult<RemarkResponse>, NotFound>> GetAsync(
        string owner, string friend, RemarkTable table, CancellationToken cancellationToken) =>
        await table.GetAsync(owner, friend, cancellationToken) is { } remark
            ? TypedResults.Json(remark, BaselineJsonContext.Default.RemarkResponse)
            : TypedResults.NotFound();

    public static async Task<Results<JsonHttpResult<LookupResponse>, BadRequest>> LookupAsync(
        string owner, LookupRequest request, RemarkTable table, CancellationToken cancellationToken)
    {
        if (request.FriendUserIds is not { Count: > 0 and <= MaxLookupIds } ids)
        {
            return TypedResults.BadRequest();
        }

        var items = await table.LookupAsync(owner, ids, cancellationToken);
        return TypedResults.Json(new LookupResponse(items), BaselineJsonContext.Default.LookupResponse);
    }
}
