using OrleansRemarks.Silo.Operations.Logging;
using OrleansRemarks.WebFront.Operations.Health;
using OrleansRemarks.WebFront.Operations.Metrics;
using OrleansRemarks.WebFront.Operations.OpenApi;

namespace OrleansRemarks.WebFront.Operations;

/// <summary>What an operator needs besides the API: health, metrics, log format and the API reference.</summary>
public static class WebFrontOperations
{
    public static WebApplicationBuilder AddWebFrontOperations(this WebApplicationBuilder builder)
    {
        // The standard console logger; Logging:Console:FormatterName=json switches it to JSON lines.
        builder.Logging.UseJsonConsoleDefaults(builder.Configuration);
        builder.Services
            .AddWebFrontHealthChecks()
            .AddWebFrontMetrics()
            .AddApiDocumentation();
        return builder;
    }

    /// <summary><c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>, <c>/openapi/v1.json</c> and <c>/scalar</c>.</summary>
    public static IEndpointRouteBuilder MapWebFrontOperations(this IEndpointRouteBuilder endpoints) => endpoints
        .MapHealthEndpoints()
        .MapMetricsEndpoint()
        .MapApiDocumentation();
}
