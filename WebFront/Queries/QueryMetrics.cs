using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>
/// <c>orleansremarks_lookups_total{endpoint, outcome}</c>: query API requests by endpoint name
/// (<c>GetRemark</c>, <c>ListRemarks</c>, <c>LookupRemarks</c>) and outcome
/// (<c>ok</c>, <c>not_found</c>, <c>invalid</c>, <c>unavailable</c>, <c>failed</c>).
/// </summary>
public sealed class QueryMetrics
{
    private readonly Counter<long> _lookups;

    public QueryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Extensions.RemarksMeterName);
        _lookups = meter.CreateCounter<long>(
            "orleansremarks.lookups",
            description: "Remark query API requests, by endpoint and outcome.");
    }

    public void Record(string endpoint, int statusCode) =>
        _lookups.Add(1, new TagList { { "endpoint", endpoint }, { "outcome", OutcomeLabel(statusCode) } });

    public static string OutcomeLabel(int statusCode) => statusCode switch
    {
        StatusCodes.Status200OK => "ok",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "failed",
    };
}

/// <summary>Counts each query API request in <see cref="QueryMetrics"/> by its endpoint name and the status of its result.</summary>
public sealed class QueryMetricsFilter(QueryMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var endpoint = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unnamed";
        try
        {
            var result = await next(context);
            metrics.Record(endpoint, StatusCodeOf(result));
            return result;
        }
        catch
        {
            metrics.Record(endpoint, StatusCodes.Status500InternalServerError);
            throw;
        }
    }

    /// <summary>The status of a typed result, looking inside <c>Results&lt;…&gt;</c> unions.</summary>
    private static int StatusCodeOf(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
    }
}
