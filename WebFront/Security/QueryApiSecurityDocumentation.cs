using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using OrleansRemarks.WebFront.Limits;
using OrleansRemarks.WebFront.Operations.OpenApi;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// Adds what the access rules add to the query API's operations in the OpenAPI document: the bearer
/// key (when required, so the reference page can send it), 401, 413 and 429.
/// </summary>
public static class QueryApiSecurityDocumentation
{
    public const string SchemeName = "ApiKey";

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
                    [StatusCodes.Status413PayloadTooLarge] = "The request body is larger than Api:MaxBodyBytes.",
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
