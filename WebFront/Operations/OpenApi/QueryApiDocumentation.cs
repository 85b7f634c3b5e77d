using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OrleansRemarks.WebFront.Input;
using OrleansRemarks.WebFront.Queries;

namespace OrleansRemarks.WebFront.Operations.OpenApi;

/// <summary>
/// Describes the query API in the OpenAPI document: parameters, the lookup body and the problem
/// answers, with this web front's limits (<c>Api:MaxPageSize</c>, <c>Api:MaxLookupIds</c>) as configured.
/// Bodies are documented without <c>Accepts</c> metadata, which would change request matching.
/// </summary>
public static class QueryApiDocumentation
{
    private static readonly string UserIdText =
        $"A user ID of 1 to {InputRules.MaxUserIdBytes} UTF-8 bytes without control characters (C0, DEL, C1, U+2028, U+2029; anything else is a 400 problem), " +
        "percent-encoded as one path segment (`/` as `%2F`, `%` as `%25`).";

    public static RouteGroupBuilder WithQueryDocumentation(this RouteGroupBuilder group)
    {
        group.ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                OpenApiText.DescribeParameter(operation, "ownerUserId", UserIdText);
                OpenApiText.DescribeResponses(operation, new Dictionary<int, string>
                {
                    [StatusCodes.Status400BadRequest] =
                        $"Invalid input, named in `errors`: a user ID over {InputRules.MaxUserIdBytes} UTF-8 bytes or with a control character, a bad `limit`, " +
                        "`cursor` or lookup body; or a value PostgreSQL refuses (SQLSTATE class 22), which no retry would change.",
                    [StatusCodes.Status503ServiceUnavailable] = "PostgreSQL or the Orleans cluster is unavailable; retry later.",
                    [StatusCodes.Status500InternalServerError] = "Unexpected failure; details in the WebFront log.",
                });
                var limits = context.ApplicationServices.GetRequiredService<IOptions<ApiLimitsOptions>>().Value;
                switch (operation.OperationId)
                {
                    case "GetRemark":
                        await DescribeGetRemarkAsync(operation, context, cancellationToken);
                        break;
                    case "ListRemarks":
                        DescribeListRemarks(operation, limits);
                        break;
                    case "LookupRemarks":
                        await DescribeLookupRemarksAsync(operation, limits, context, cancellationToken);
                        break;
                }
            });
        return group;
    }

    private static async Task DescribeGetRemarkAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Summary = "One remark: the owner's remark on a friend";
        OpenApiText.DescribeParameter(operation, "friendUserId", UserIdText);
        operation.Responses![StatusCodes.Status404NotFound.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = "The owner has no remark on that friend (never set, cleared, or friendship deleted).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken) },
            },
        };
    }

    private static void DescribeListRemarks(OpenApiOperation operation, ApiLimitsOptions limits)
    {
        operation.Summary = "All of an owner's remarks, page by page, in ordinal order of friendUserID";
        OpenApiText.DescribeParameter(operation, "limit",
            $"Page size: a whole number from 1 to {limits.MaxPageSize} (`Api:MaxPageSize`; default {PageLimit.DefaultFor(limits.MaxPageSize)}); anything else is 400.");
        OpenApiText.DescribeParameter(operation, "cursor",
            "The previous page's `nextCursor`, unchanged; absent for the first page. `nextCursor` is null on the last page.");
    }

    private static async Task DescribeLookupRemarksAsync(
        OpenApiOperation operation, ApiLimitsOptions limits, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Summary = "Several friends at once: only those with a remark, in request order";
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"1 to {limits.MaxLookupIds} friend user IDs (`Api:MaxLookupIds`), each 1 to {InputRules.MaxUserIdBytes} UTF-8 bytes without control characters.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(RemarkLookupRequest), cancellationToken: cancellationToken) },
            },
        };
    }
}
