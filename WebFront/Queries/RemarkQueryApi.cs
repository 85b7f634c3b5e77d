using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Cluster;
using OrleansRemarks.WebFront.Input;
using OrleansRemarks.WebFront.Json;
using OrleansRemarks.WebFront.Operations.OpenApi;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>
/// The read side: <c>GET /api/v1/users/{owner}/remarks/{friend}</c>, <c>GET /api/v1/users/{owner}/remarks</c>
/// and <c>POST /api/v1/users/{owner}/remarks:lookup</c>. Each request asks the owner's grain, which
/// serves it from memory once active. User IDs are percent-encoded path segments (see <see cref="PathUserIds"/>).
/// </summary>
public static partial class RemarkQueryApi
{
    private const string LogCategory = "OrleansRemarks.WebFront.Queries";

    public static IEndpointRouteBuilder MapRemarkQueries(this IEndpointRouteBuilder endpoints)
    {
        var user = endpoints.MapGroup("/api/v1/users/{ownerUserId}").WithTags("Remarks");
        user.AddEndpointFilter<QueryMetricsFilter>();
        user.WithExactPathUserIds();
        user.WithQueryDocumentation();
        user.MapGet("/remarks/{friendUserId}", GetRemarkAsync).WithName("GetRemark");
        user.MapGet("/remarks", ListRemarksAsync).WithName("ListRemarks");
        user.MapPost("/remarks:lookup", LookupRemarksAsync).WithName("LookupRemarks");
        return endpoints;
    }

    private static async Task<Results<Ok<RemarkResponse>, ValidationProblem, ProblemHttpResult>> GetRemarkAsync(
        string ownerUserId, string friendUserId, [AsParameters] RemarkQueryServices services)
    {
        if ((QueryProblems.InvalidUserId("ownerUserID", ownerUserId) ?? QueryProblems.InvalidUserId("friendUserID", friendUserId)) is { } invalid)
        {
            return invalid;
        }

        try
        {
            var remark = await services.Cluster.GetUserFriendsGrain(ownerUserId).GetRemarkAsync(friendUserId);
            return remark is null
                ? QueryProblems.RemarkNotFound(ownerUserId, friendUserId)
                : TypedResults.Ok(RemarkResponse.From(ownerUserId, remark));
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            return Failure(services, exception, ownerUserId);
        }
    }

    private static async Task<Results<Ok<RemarkPageResponse>, ValidationProblem, ProblemHttpResult>> ListRemarksAsync(
        string ownerUserId, string? limit, string? cursor, [AsParameters] RemarkQueryServices services)
    {
        if (QueryProblems.InvalidUserId("ownerUserID", ownerUserId) is { } invalidOwner)
        {
            return invalidOwner;
        }

        var max = services.Limits.Value.MaxPageSize;
        if (!PageLimit.TryParse(limit, max, out var pageSize))
        {
            return QueryProblems.Invalid("limit", $"limit must be a whole number from 1 to {max} (default {PageLimit.DefaultFor(max)}).");
        }

        string? after = null;
        if (cursor is not null && (!PageCursor.TryDecode(cursor, out after) || InputRules.UserIdProblem(after) is not null))
        {
            return QueryProblems.Invalid("cursor", "cursor must be a nextCursor value returned by this API.");
        }

        try
        {
            var page = await services.Cluster.GetUserFriendsGrain(ownerUserId).ListRemarksAsync(new RemarkPageRequest(pageSize, after));
            var items = page.Items.Select(remark => RemarkResponse.From(ownerUserId, remark)).ToList();
            var nextCursor = page.NextAfterFriendUserId is { } last ? PageCursor.Encode(last) : null;
            return TypedResults.Ok(new RemarkPageResponse(items, nextCursor));
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            return Failure(services, exception, ownerUserId);
        }
    }

    private static async Task<Results<Ok<RemarkLookupResponse>, ValidationProblem, ProblemHttpResult>> LookupRemarksAsync(
        string ownerUserId, [AsParameters] RemarkQueryServices services)
    {
        if (QueryProblems.InvalidUserId("ownerUserID", ownerUserId) is { } invalidOwner)
        {
            return invalidOwner;
        }

        var context = services.Context;
        var (friendIds, problem) = await ReadLookupAsync(context.Request, services.Limits.Value.MaxLookupIds, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var owner = services.Cluster.GetUserFriendsGrain(ownerUserId);
            IReadOnlyList<FriendRemark> found = services.Transport.Packed
                ? (await owner.LookupRemarksPackedAsync(PackedStrings.Pack(friendIds!))).Unpack(friendIds!)
                : (await owner.LookupRemarksAsync(new RemarkLookup(friendIds!))).Items;
            return TypedResults.Ok(new RemarkLookupResponse(found.Select(remark => RemarkResponse.From(ownerUserId, remark)).ToList()));
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            return Failure(services, exception, ownerUserId);
        }
    }

    private static async Task<(IReadOnlyList<string>? FriendIds, ValidationProblem? Problem)> ReadLookupAsync(
        HttpRequest request, int maxIds, CancellationToken cancellationToken)
    {
        const string Field = "friendUserIDs";
        RemarkLookupRequest? lookup;
        try
        {
            lookup = await JsonSerializer.DeserializeAsync(request.Body, WebFrontJsonContext.Default.RemarkLookupRequest, cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, QueryProblems.Invalid("body", $"Expected {{\"friendUserIDs\":[\"…\"]}}: {exception.Message}"));
        }

        if (lookup?.FriendUserIds is not { } ids || ids.Count < 1 || ids.Count > maxIds)
        {
            return (null, QueryProblems.Invalid(Field, $"friendUserIDs must hold 1 to {maxIds} user IDs."));
        }

        if (ids.Any(string.IsNullOrEmpty))
        {
            return (null, QueryProblems.Invalid(Field, "Every friend user ID must be a non-empty string."));
        }

        for (var index = 0; index < ids.Count; index++)
        {
            if (InputRules.UserIdProblem(ids[index]!) is { } idProblem)
            {
                return (null, QueryProblems.Invalid(Field, $"friendUserIDs[{index}] {idProblem}"));
            }
        }

        return (ids.Select(id => id!).ToList(), null);
    }

    /// <summary>A grain failure that is not a bug, as a problem answer; an unavailable cluster is logged.</summary>
    private static ProblemHttpResult Failure(RemarkQueryServices services, Exception exception, string owner)
    {
        if (GrainCallFailure.Classify(exception) == GrainCallFailureKind.Unavailable)
        {
            LogUnavailable(services.Loggers.CreateLogger(LogCategory), exception, LogText.Of(owner)!);
        }

        return QueryProblems.FromGrainFailure(exception);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Remark query for owner {OwnerUserId} failed: storage or cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string ownerUserId);
}

/// <summary>What every query handler needs besides its route and query parameters.</summary>
public sealed record RemarkQueryServices(HttpContext Context, IClusterClient Cluster, ILoggerFactory Loggers, IOptions<ApiLimitsOptions> Limits, LookupTransport Transport);
