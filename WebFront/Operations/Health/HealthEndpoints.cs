using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OrleansRemarks.Silo.Operations.Health;

namespace OrleansRemarks.WebFront.Operations.Health;

/// <summary>
/// <c>/health/live</c>: the process serves HTTP (no I/O, always 200). <c>/health/ready</c>: the
/// cluster answers (200, else 503). Both answer JSON and are never cached.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string ReadinessTag = "ready";

    public static IServiceCollection AddWebFrontHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>(ClusterReadinessCheck.Name, tags: [ReadinessTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).WithTags("Operations");
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).WithTags("Operations");
        return endpoints;
    }
}
