using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Silo.Operations.Metrics;

/// <summary>
/// OpenTelemetry metrics served in Prometheus text format at <c>/metrics</c>: meter "OrleansRemarks"
/// (the grains' storage writes; on a web front also its callbacks and queries), Orleans' own meter,
/// ASP.NET Core's and the .NET runtime's. The Silo and the WebFront both register them here.
/// </summary>
public static class SiloMetrics
{
    public const string ScrapePath = "/metrics";
    public const string ServiceName = "OrleansRemarks.Silo";
    public const string OrleansMeterName = "Microsoft.Orleans";
    public const string RuntimeMeterName = "System.Runtime";

    public static IServiceCollection AddSiloMetrics(this IServiceCollection services, string serviceName = ServiceName)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(RemarkStorageMetrics.MeterName, OrleansMeterName, RuntimeMeterName)
                // Orleans counts every message and directory lookup in nine counters, about 3 % of
                // the CPU per lookup at peak (perf); callback and lookup counts are ours, so drop them.
                .AddView("orleans-directory-lookups-*", MetricStreamConfiguration.Drop)
                .AddView("orleans-messaging-processing-*", MetricStreamConfiguration.Drop)
                .AddView("orleans-messaging-sent-local", MetricStreamConfiguration.Drop)
                // Every message between a web front's Orleans client and a silo's gateway was recorded
                // four times (sent and received size histograms on both sides, tags built by Enum.ToString
                // per message) and counted twice more by the gateway; the separate topology paid that per
                // request. Header bytes (observable counters) and grain-call latency stay.
                .AddView("orleans-messaging-sent-messages-size", MetricStreamConfiguration.Drop)
                .AddView("orleans-messaging-received-messages-size", MetricStreamConfiguration.Drop)
                .AddView("orleans-gateway-sent", MetricStreamConfiguration.Drop)
                .AddView("orleans-gateway-received", MetricStreamConfiguration.Drop)
                .AddAspNetCoreInstrumentation()
                // Collected afresh on every scrape (the exporter caches for 300 ms by default): a
                // cached answer would hide the latest callbacks from whoever looks right after sending them.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapSiloMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(ScrapePath);
        return endpoints;
    }
}
