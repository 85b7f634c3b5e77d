using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OrleansRemarks.WebFront.Operations.OpenApi;
using OrleansRemarks.WebFront.Queries;

namespace OrleansRemarks.WebFront.Security;

// What guards the query API besides its rate limit (QueryRateLimiting.cs): the API key, the body size
// limit, and how both show in the OpenAPI document.

public static class QueryApiProtection
{
    /// <summary>
    /// A group for the query API's endpoints: API key required when <c>Api:Keys</c> is set, the
    /// per-client rate limit, and the body size limit. Map the query endpoints into it.
    /// </summary>
    public static RouteGroupBuilder MapProtectedQueryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("");
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<ApiAccessOptions>>().Value.HasKeys)
        {
            group.RequireAuthorization(ApiAccessPolicies.QueryApi);
        }

        group.RequireRateLimiting(QueryRateLimiting.PolicyName)
            .AddEndpointFilter<QueryBodyLimitFilter>();
        return group;
    }
}

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

/// <summary>
/// Adds what the access rules add to the query API's operations in the OpenAPI document: the bearer
/// key (when required, so the reference page can send it), 401, 413 and 429.
/// </summary>
public static class QueryApiSecurityDocumentation
{
    private const string SchemeName = "ApiKey";

    public static IServiceCollection AddQueryApiSecurityDocumentation(this IServiceCollection services) =>
        services.ConfigureAll<OpenApiOptions>(options => options
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "One of Api:Keys, as \"Authorization: Bearer <key>\". Needed when the web front has keys.",
                };
                return Task.CompletedTask;
            })
            .AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (!metadata.OfType<EnableRateLimitingAttribute>().Any(limit => limit.PolicyName == QueryRateLimiting.PolicyName))
                {
                    return Task.CompletedTask;
                }

                var descriptions = new Dictionary<int, string>
                {
                    [StatusCodes.Status413PayloadTooLarge] =
                        $"The request body is larger than {context.ApplicationServices.GetRequiredService<IOptions<ApiLimitsOptions>>().Value.MaxBodyBytes} bytes (Api:MaxBodyBytes).",
                    [StatusCodes.Status429TooManyRequests] = "This client's rate limit is spent; retry after the Retry-After header's seconds.",
                };
                if (metadata.OfType<IAuthorizeData>().Any(rule => rule.Policy == ApiAccessPolicies.QueryApi))
                {
                    descriptions[StatusCodes.Status401Unauthorized] = "No valid \"Authorization: Bearer <key>\" (one of Api:Keys).";
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
                }

                OpenApiText.DescribeResponses(operation, descriptions);
                return Task.CompletedTask;
            }));
}
