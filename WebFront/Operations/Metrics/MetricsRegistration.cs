using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OrleansRemarks.WebFront.Operations.Metrics;

/// <summary>
/// OpenTelemetry metrics served in Prometheus text format at <c>/metrics</c>: this service's meter,
/// Orleans' client meter, ASP.NET Core's (requests, Kestrel) and the .NET runtime's.
/// </summary>
public static class MetricsRegistration
{
    public const string ScrapePath = "/metrics";

    public const string ServiceName = "OrleansRemarks.WebFront";

    public static IServiceCollection AddWebFrontMetrics(this IServiceCollection services)
    {
        services.AddSingleton<QueryMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(RemarksMeter.Name, RemarksMeter.OrleansMeterName, RemarksMeter.RuntimeMeterName)
                .AddAspNetCoreInstrumentation()
                // Collected afresh on every scrape: Prometheus scrapes rarely, and a cached answer
                // would hide the latest callbacks from whoever looks right after sending them.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(ScrapePath);
        return endpoints;
    }
}
