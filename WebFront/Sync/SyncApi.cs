using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Operations.OpenApi;
using OrleansRemarks.WebFront.Queries;

namespace OrleansRemarks.WebFront.Sync;

/// <summary>
/// Reconciliation with OpenIM, on the query API's authentication: <c>POST /api/v1/users/{owner}/remarks:sync</c>
/// runs one sync of the owner now; <c>GET /api/v1/sync/status</c> shows the sweep and OpenIM's last error.
/// </summary>
public static partial class SyncApi
{
    private const string LogCategory = "OrleansRemarks.WebFront.Sync";

    public static IEndpointRouteBuilder MapOpenImSync(this IEndpointRouteBuilder endpoints)
    {
        var sync = endpoints.MapGroup("/api/v1").WithTags("Sync").WithExactPathUserIds();
        sync.ProducesProblem(StatusCodes.Status503ServiceUnavailable).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            OpenApiText.DescribeResponses(operation, new Dictionary<int, string>
            {
                [StatusCodes.Status503ServiceUnavailable] = "PostgreSQL or the Orleans cluster is unavailable; retry later.",
            });
            if (operation.OperationId == "SyncRemarks")
            {
                operation.Summary = "Sync one owner with OpenIM now and say what changed here";
                OpenApiText.DescribeParameter(operation, "ownerUserId", "Any non-empty user ID, percent-encoded as one path segment.");
                OpenApiText.DescribeResponses(operation, new Dictionary<int, string>
                {
                    [StatusCodes.Status200OK] = "What the sync added, updated and removed here (the drift callbacks had missed), whether it re-baselined (`full`), and OpenIM's version of the owner now stored.",
                    [StatusCodes.Status409Conflict] = "Reconciliation is not configured (the silos have no `OpenIM:ApiUrl`).",
                    [StatusCodes.Status502BadGateway] = "OpenIM did not answer, refused, or answered something that does not parse; nothing stored was changed.",
                });
            }
            else
            {
                operation.Summary = "Reconciliation with OpenIM: configured or not, the current or last sweep, OpenIM's last error";
            }

            return Task.CompletedTask;
        });
        sync.MapPost("/users/{ownerUserId}/remarks:sync", SyncOwnerAsync).WithName("SyncRemarks")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        sync.MapGet("/sync/status", GetStatusAsync).WithName("GetSyncStatus");
        return endpoints;
    }

    private static async Task<Results<Ok<SyncReportResponse>, ValidationProblem, ProblemHttpResult>> SyncOwnerAsync(
        string ownerUserId, IClusterClient cluster, ILoggerFactory loggers)
    {
        if (QueryProblems.InvalidUserId("ownerUserID", ownerUserId) is { } invalidOwner)
        {
            return invalidOwner;
        }

        try
        {
            var result = await cluster.GetOwnerSyncWorker(ownerUserId).SyncAsync(ownerUserId, SyncTrigger.Manual);
            return result switch
            {
                { Report: { } report } => TypedResults.Ok(new SyncReportResponse(report.Added, report.Updated, report.Removed, report.Full, report.Version)),
                { NotConfigured: true } => NotConfigured(),
                _ => TypedResults.Problem(
                    statusCode: StatusCodes.Status502BadGateway,
                    title: "OpenIM's API failed",
                    detail: result.OpenImError + " Nothing stored was changed because of it."),
            };
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            LogUnavailable(loggers.CreateLogger(LogCategory), exception, ownerUserId);
            return QueryProblems.FromGrainFailure(exception);
        }
    }

    private static async Task<Results<Ok<SyncStatusResponse>, ProblemHttpResult>> GetStatusAsync(IClusterClient cluster, ILoggerFactory loggers)
    {
        try
        {
            var status = await cluster.GetGrain<ISweepGrain>(ISweepGrain.Key).GetStatusAsync();
            return TypedResults.Ok(SyncStatusResponse.From(status));
        }
        catch (Exception exception) when (QueryProblems.IsHandled(exception))
        {
            LogUnavailable(loggers.CreateLogger(LogCategory), exception, "(status)");
            return QueryProblems.FromGrainFailure(exception);
        }
    }

    private static ProblemHttpResult NotConfigured() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Reconciliation is not configured",
        detail: "The silos have no OpenIM:ApiUrl: the service runs callback-only and cannot ask OpenIM.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync request for {OwnerUserId} failed: storage or cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string ownerUserId);
}

/// <summary>What one sync changed here: remarks added, updated and removed, and OpenIM's version of the owner now stored.</summary>
public sealed record SyncReportResponse(
    [property: JsonPropertyName("added")] int Added,
    [property: JsonPropertyName("updated")] int Updated,
    [property: JsonPropertyName("removed")] int Removed,
    [property: JsonPropertyName("full")] bool Full,
    [property: JsonPropertyName("version")] long Version);

public sealed record SyncStatusResponse(
    [property: JsonPropertyName("configured")] bool Configured,
    [property: JsonPropertyName("sweep")] SweepResponse? Sweep,
    [property: JsonPropertyName("lastError")] LastErrorResponse? LastError)
{
    public static SyncStatusResponse From(SweepStatus status) => new(
        status.Configured,
        status.Number == 0 && !status.Configured ? null : new SweepResponse(
            status.Number, status.Running, status.FullRate, status.StartedAt, status.FinishedAt, status.OwnersDone, status.Total,
            status.ChangesFound, status.Errors, status.NextStartAt),
        status.LastError is null ? null : new LastErrorResponse(status.LastError, status.LastErrorAt));
}

/// <param name="Number">Sweeps started so far; this one's number.</param>
/// <param name="Running">True while the sweep goes on; false: the figures are the last sweep's.</param>
/// <param name="FullRate">A backfill: not spread over the interval.</param>
public sealed record SweepResponse(
    [property: JsonPropertyName("number")] long Number,
    [property: JsonPropertyName("running")] bool Running,
    [property: JsonPropertyName("fullRate")] bool FullRate,
    [property: JsonPropertyName("startedAt")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("finishedAt")] DateTimeOffset? FinishedAt,
    [property: JsonPropertyName("ownersDone")] long OwnersDone,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("changesFound")] long ChangesFound,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("nextStartAt")] DateTimeOffset? NextStartAt);

public sealed record LastErrorResponse(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("at")] DateTimeOffset? At);
