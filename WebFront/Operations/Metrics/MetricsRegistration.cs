using OrleansRemarks.Silo.Operations.Metrics;

namespace OrleansRemarks.WebFront.Operations.Metrics;

/// <summary>The same metrics and <c>/metrics</c> endpoint as the Silo (<see cref="SiloMetrics"/>), plus the query instruments.</summary>
public static class MetricsRegistration
{
    public const string ServiceName = "OrleansRemarks.WebFront";

    public static IServiceCollection AddWebFrontMetrics(this IServiceCollection services)
    {
        services.AddSingleton<QueryMetrics>();
        return services.AddSiloMetrics(ServiceName);
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapSiloMetricsEndpoint();
}
