using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Cluster;
using OrleansRemarks.WebFront.Input;
using OrleansRemarks.WebFront.Json;
using OrleansRemarks.WebFront.Limits;
using OrleansRemarks.WebFront.Operations.Logging;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>The read side: each request asks the owner's grain, which serves it from memory once active.</summary>
public static partial class RemarkQueryHandlers
{
    private const string LogCategory = "OrleansRemarks.WebFront.Queries";

    public static async Task<Results<Ok<RemarkResponse>, ValidationProblem, ProblemHttpResult>> GetRemarkAsync(
        string ownerUserId, string friendUserId, HttpContext context, IClusterClient cluster, ILoggerFactory loggers)
    {
        var owner = PathUserId.Resolve(context, ownerUserId, segmentFromEnd: 3);
        var friend = PathUserId.Resolve(context, friendUserId, segmentFromEnd: 1);
        if ((QueryProblems.InvalidUserId("ownerUserID", owner) ?? QueryProblems.InvalidUserId("friendUserID", friend)) is { } invalid)
        {
            return invalid;
        }

        try
        {
            var remark = await cluster.GetUserFriendsGrain(owner).GetRemarkAsync(friend);
            return remark is null
                ? QueryProblems.RemarkNotFound(owner, friend)
                : TypedResults.Ok(RemarkResponse.From(owner, remark));
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            return Failure(exception, owner, loggers);
        }
    }

    public static async Task<Results<Ok<RemarkPageResponse>, ValidationProblem, ProblemHttpResult>> ListRemarksAsync(
        string ownerUserId, string? limit, string? cursor, HttpContext context, IClusterClient cluster, ILoggerFactory loggers,
        IOptions<ApiLimitsOptions> limits)
    {
        var owner = PathUserId.Resolve(context, ownerUserId, segmentFromEnd: 2);
        if (QueryProblems.InvalidUserId("ownerUserID", owner) is { } invalidOwner)
        {
            return invalidOwner;
        }

        var max = limits.Value.MaxPageSize;
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
            var page = await cluster.GetUserFriendsGrain(owner).ListRemarksAsync(new RemarkPageRequest(pageSize, after));
            var items = page.Items.Select(remark => RemarkResponse.From(owner, remark)).ToList();
            var nextCursor = page.NextAfterFriendUserId is { } last ? PageCursor.Encode(last) : null;
            return TypedResults.Ok(new RemarkPageResponse(items, nextCursor));
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            return Failure(exception, owner, loggers);
        }
    }

    public static async Task<Results<Ok<RemarkLookupResponse>, ValidationProblem, ProblemHttpResult>> LookupRemarksAsync(
        string ownerUserId, HttpContext context, IClusterClient cluster, ILoggerFactory loggers, IOptions<ApiLimitsOptions> limits)
    {
        var owner = PathUserId.Resolve(context, ownerUserId, segmentFromEnd: 2);
        if (QueryProblems.InvalidUserId("ownerUserID", owner) is { } invalidOwner)
        {
            return invalidOwner;
        }

        var (friendIds, problem) = await ReadLookupAsync(context.Request, limits.Value.MaxLookupIds, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var found = await cluster.GetUserFriendsGrain(owner).LookupRemarksAsync(new RemarkLookup(friendIds!));
            return TypedResults.Ok(new RemarkLookupResponse(found.Items.Select(remark => RemarkResponse.From(owner, remark)).ToList()));
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            return Failure(exception, owner, loggers);
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

    private static ProblemHttpResult Failure(Exception exception, string owner, ILoggerFactory loggers)
    {
        if (GrainCallFailure.Classify(exception) == GrainCallFailureKind.Unavailable)
        {
            LogUnavailable(loggers.CreateLogger(LogCategory), exception, LogText.Of(owner)!);
        }

        return QueryProblems.FromGrainFailure(exception);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Remark query for owner {OwnerUserId} failed: storage or cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string ownerUserId);
}
