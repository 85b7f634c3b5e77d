using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Limits;

/// <summary>
/// Caps query API request bodies at <c>Api:MaxBodyBytes</c>: a larger Content-Length is refused unread,
/// and a chunked body is cut off by Kestrel at the limit; both answer a 413 problem.
/// </summary>
public sealed class QueryBodyLimitFilter(IOptions<ApiLimitsOptions> limits) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var maxBytes = limits.Value.MaxBodyBytes;
        if (http.Request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBytes;
        }

        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
        {
            return TooLarge(maxBytes);
        }
    }

    private static IResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"Request bodies of the query API are limited to {maxBytes} bytes (Api:MaxBodyBytes).");
}
