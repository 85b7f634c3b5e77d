using OrleansRemarks.Silo.Operations.Health;

namespace OrleansRemarks.WebFront.Operations.Health;

/// <summary>
/// The Silo's <c>/health/live</c> and <c>/health/ready</c> (<see cref="SiloHealthEndpoints"/>);
/// here ready means the cluster answers (200, else 503).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddWebFrontHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>(ClusterReadinessCheck.Name, tags: [SiloHealthEndpoints.ReadinessTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("").WithTags("Operations").MapSiloHealthEndpoints();
        return endpoints;
    }
}
