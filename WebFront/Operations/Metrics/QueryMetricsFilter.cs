namespace OrleansRemarks.WebFront.Operations.Metrics;

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
