using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRemarks.WebFront.Cluster;
using OrleansRemarks.WebFront.Input;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>The application/problem+json answers of the query API.</summary>
public static class QueryProblems
{
    public static ProblemHttpResult RemarkNotFound(string ownerUserId, string friendUserId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No remark",
        detail: $"User '{ownerUserId}' has no remark on '{friendUserId}'.");

    public static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });

    /// <summary>A 400 naming <paramref name="field"/> when the user ID breaks <see cref="InputRules"/>, else null.</summary>
    public static ValidationProblem? InvalidUserId(string field, string userId) =>
        InputRules.UserIdProblem(userId) is { } problem ? Invalid(field, $"{field} {problem}") : null;

    /// <summary>For grain failures that are not bugs; <see cref="GrainCallFailureKind.Internal"/> is rethrown instead.</summary>
    public static ProblemHttpResult FromGrainFailure(Exception exception) =>
        GrainCallFailure.Classify(exception) == GrainCallFailureKind.InvalidInput
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: exception.Message)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Service unavailable",
                detail: "Storage or the Orleans cluster is unavailable; retry later.");

    public static bool IsHandled(Exception exception) =>
        GrainCallFailure.Classify(exception) != GrainCallFailureKind.Internal;
}
