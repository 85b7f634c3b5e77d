using Microsoft.Extensions.Options;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.WebFront.Operations.OpenApi;
using OrleansRemarks.WebFront.Operations.Warmup;
using OrleansRemarks.WebFront.Queries;

namespace OrleansRemarks.WebFront.Operations;

/// <summary>
/// What an operator needs besides the API: the shared service defaults (log format, metrics, health
/// endpoints, cluster settings, the settings check), this web front's readiness check and query
/// instruments, and the API reference.
/// </summary>
public static class WebFrontOperations
{
    public const string ServiceName = "OrleansRemarks.WebFront";

    public static WebApplicationBuilder AddWebFrontOperations(this WebApplicationBuilder builder)
    {
        // The standard console logger; Logging:Console:FormatterName=json switches it to JSON lines.
        builder.AddServiceDefaults(ServiceName);
        // Ready means the cluster answers and the start-up warm-up has ended (200, else 503).
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterReadinessCheck>(ClusterReadinessCheck.Name, tags: [Extensions.ReadinessTag])
            .AddCheck<WarmupReadinessCheck>(WarmupReadinessCheck.Name, tags: [Extensions.ReadinessTag]);
        builder.Services.AddValidatedOptions<WarmupOptions, WarmupOptionsValidator>(builder.Configuration, WarmupOptions.SectionName);
        builder.Services.AddSingleton(services => new WarmupProgress(services.GetRequiredService<IOptions<WarmupOptions>>().Value.Reads));
        builder.Services.AddHostedService<StartupWarmup>();
        builder.Services.AddSingleton<QueryMetrics>();
        builder.Services.AddApiDocumentation();
        return builder;
    }

    /// <summary><c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>, <c>/openapi/v1.json</c> and <c>/scalar</c>.</summary>
    public static IEndpointRouteBuilder MapWebFrontOperations(this IEndpointRouteBuilder endpoints) => endpoints
        .MapDefaultEndpoints()
        .MapApiDocumentation();
}
