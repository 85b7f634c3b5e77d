using Scalar.AspNetCore;

namespace OrleansRemarks.WebFront.Operations.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (query API and callback endpoint) and a browsable
/// reference page of it at <c>/scalar/</c>, served from this process alone.
/// </summary>
public static class ApiDocumentation
{
    private const string ReferencePath = "/scalar";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OrleansRemarks";
            document.Info.Description =
                "Friend remarks of an OpenIM deployment: the OpenIM webhook callback endpoint that stores them, " +
                "and the query API that reads them back.";
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        // Nothing on the page calls out of this deployment: no CDN fonts, no telemetry, no AI chat.
        endpoints.MapScalarApiReference(ReferencePath, reference => reference
            .WithTitle("OrleansRemarks API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return endpoints;
    }
}
