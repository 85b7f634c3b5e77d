using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OrleansRemarks.ServiceDefaults;

/// <summary>
/// What the Silo and the WebFront both do the same way: console log format, OpenTelemetry metrics
/// served for Prometheus, <c>/health/live</c> and <c>/health/ready</c>, the cluster's identity and
/// database settings, and the one settings check (<see cref="SettingsValidation"/>). A process calls
/// <see cref="AddServiceDefaults{TBuilder}"/>, adds its own readiness checks tagged
/// <see cref="ReadinessTag"/>, then maps <see cref="MapDefaultEndpoints"/>.
/// </summary>
public static class Extensions
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    /// <summary>The tag of the health checks <see cref="ReadyPath"/> runs.</summary>
    public const string ReadinessTag = "ready";

    /// <summary>Meter of this service's own instruments (callbacks, queries, storage writes, syncs); the grains' <c>RemarkStorageMetrics.MeterName</c> is the same.</summary>
    public const string RemarksMeterName = "OrleansRemarks";
    public const string OrleansMeterName = "Microsoft.Orleans";
    public const string RuntimeMeterName = "System.Runtime";

    public const string UtcTimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private const string FormatterNameKey = "Logging:Console:FormatterName";
    private const string FormatterOptionsSection = "Logging:Console:FormatterOptions";

    /// <param name="serviceName">The <c>service.name</c> of the metrics (<c>target_info{service_name}</c>).</param>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.UseJsonConsoleDefaults(builder.Configuration);
        builder.Services.AddRemarksMetrics(serviceName);
        builder.Services.AddHealthChecks();
        builder.Services.AddSettingsValidation().AddClusterSettings(builder.Configuration);
        return builder;
    }

    /// <summary><see cref="LivePath"/> and <see cref="ReadyPath"/> (tagged "Operations" in an API description) and <see cref="MetricsPath"/>.</summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var health = endpoints.MapGroup("").WithTags("Operations");
        // Live: the process serves HTTP (no check runs, always 200). Ready: every check tagged ReadinessTag
        // passes (200, else 503). Degraded is not ready either: a check reports it for an expected,
        // passing state (the WebFront's start-up warm-up), which the health check service logs as a
        // warning where Unhealthy would be an error.
        health.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthReportAsync });
        health.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = WriteHealthReportAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }

    /// <summary>
    /// The standard console logger: one line per entry with a UTC timestamp by default ("simple"), or
    /// one JSON object per line with <c>Logging:Console:FormatterName=json</c>. Any
    /// <c>Logging:Console:FormatterOptions:*</c> setting wins over these defaults. The Silo uses it; the
    /// WebFront keeps ASP.NET Core's default console logger with <see cref="UseJsonConsoleDefaults"/>.
    /// </summary>
    public static ILoggingBuilder UseSingleLineConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var configured = configuration.GetSection(FormatterOptionsSection);
        var formatterName = configuration[FormatterNameKey] ?? ConsoleFormatterNames.Simple;
        logging.ClearProviders();
        logging.AddConsole();
        // Set explicitly: the slim web host pins "simple", and without any name the console logger
        // would overwrite the formatter's options with its own obsolete ones.
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = formatterName);
        logging.Services.Configure<SimpleConsoleFormatterOptions>(simple =>
        {
            simple.SingleLine = true;
            simple.UseUtcTimestamp = true;
            simple.TimestampFormat = UtcTimestampFormat + " ";
            configured.Bind(simple);
        });
        return logging.UseJsonConsoleDefaults(configuration);
    }

    /// <summary>JSON lines (when chosen) carry a UTC timestamp; <c>Logging:Console:FormatterOptions:*</c> still wins.</summary>
    public static ILoggingBuilder UseJsonConsoleDefaults(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var configured = configuration.GetSection(FormatterOptionsSection);
        logging.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = UtcTimestampFormat;
            configured.Bind(json);
        });
        return logging;
    }

    /// <summary>
    /// OpenTelemetry metrics served in Prometheus text format at <see cref="MetricsPath"/>: this
    /// service's meter, Orleans' own, ASP.NET Core's and the .NET runtime's.
    /// </summary>
    public static IServiceCollection AddRemarksMetrics(this IServiceCollection services, string serviceName)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(RemarksMeterName, OrleansMeterName, RuntimeMeterName)
                // One view decides every instrument: dropped, or kept with room for MetricPointsPerStream
                // tag combinations (see MetricStreamFor).
                .AddView(MetricStreamFor)
                .AddAspNetCoreInstrumentation()
                // Collected afresh on every scrape (the exporter caches for 300 ms by default): a
                // cached answer would hide the latest callbacks from whoever looks right after sending them.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// Tag combinations each kept metric stream has room for. OpenTelemetry sets aside room for its
    /// default of 2,000 per stream up front, about 28 MB of every process's idle heap over the
    /// instruments we export; the most any of ours reaches is ASP.NET Core's request duration (one per
    /// route × method × status code, a few dozen here). A combination beyond the limit is still counted,
    /// under the tag <c>otel.metric.overflow</c>.
    /// </summary>
    public const int MetricPointsPerStream = 256;

    /// <summary>Instruments not exported: a name, or a prefix ending in '*'.</summary>
    /// <remarks>
    /// Orleans counts every message and directory lookup in nine counters, about 3 % of the CPU per
    /// lookup at peak (perf); callback and lookup counts are ours. Every message between a web front's
    /// Orleans client and a silo's gateway was also recorded four times (sent and received size
    /// histograms on both sides, tags built by Enum.ToString per message) and counted twice more by the
    /// gateway; the separate topology paid that per request. Header bytes (observable counters) and
    /// grain-call latency stay.
    /// ASP.NET Core's middleware also recorded every request four more times (authentication time,
    /// rate-limiter lease time and active leases, route match) and every Kestrel buffer twice (memory
    /// pool rented and pooled bytes): 1.7 % of a web front's perf samples during GETs, yet its CPU per GET
    /// fell by about a fifth without them (docs/PERFORMANCE.md, change 33). The request duration
    /// already carries route, method and status (401, 403 and 429 included); refusals by the rate limiter
    /// (<c>aspnetcore.rate_limiting.requests</c>) and the memory pool's growth (allocated, evicted) stay.
    /// </remarks>
    private static readonly string[] DroppedInstruments =
    [
        "orleans-directory-lookups-*",
        "orleans-messaging-processing-*",
        "orleans-messaging-sent-local",
        "orleans-messaging-sent-messages-size",
        "orleans-messaging-received-messages-size",
        "orleans-gateway-sent",
        "orleans-gateway-received",
        "aspnetcore.authentication.*",
        "aspnetcore.authorization.*",
        "aspnetcore.routing.match_attempts",
        "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.active_request_leases",
        "aspnetcore.rate_limiting.request.time_in_queue",
        "aspnetcore.rate_limiting.queued_requests",
        "aspnetcore.memory_pool.rented",
        "aspnetcore.memory_pool.pooled",
    ];

    /// <summary>
    /// The one view: a dropped instrument gets <see cref="MetricStreamConfiguration.Drop"/>, every other
    /// one its own stream with <see cref="MetricPointsPerStream"/>. (Two views matching one instrument
    /// would export it twice, so dropping and limiting are decided here together.)
    /// </summary>
    public static MetricStreamConfiguration MetricStreamFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        foreach (var dropped in DroppedInstruments)
        {
            var matches = dropped.EndsWith('*')
                ? instrument.Name.AsSpan().StartsWith(dropped.AsSpan(0, dropped.Length - 1), StringComparison.Ordinal)
                : string.Equals(instrument.Name, dropped, StringComparison.Ordinal);
            if (matches)
            {
                return MetricStreamConfiguration.Drop;
            }
        }

        return new MetricStreamConfiguration { CardinalityLimit = MetricPointsPerStream };
    }

    /// <summary>
    /// Writes a health report as <c>{"status":"Healthy","checks":{"cluster":{"status":"Healthy","description":"…","durationMs":1.2}}}</c>.
    /// </summary>
    public static async Task WriteHealthReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
