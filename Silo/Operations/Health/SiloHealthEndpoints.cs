using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansRemarks.Silo.Operations.Health;

/// <summary>
/// <c>/health/live</c>: the process serves HTTP (no I/O, always 200). <c>/health/ready</c>: this silo
/// is Active in the membership and PostgreSQL answers (200, else 503). Both answer JSON, never cached.
/// A web front maps the same endpoints over its own checks tagged <see cref="ReadinessTag"/>.
/// </summary>
public static class SiloHealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public const string ReadinessTag = "ready";

    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services, string connectionString)
    {
        services.AddHealthChecks()
            .AddCheck<SiloMembershipCheck>(SiloMembershipCheck.Name, tags: [ReadinessTag])
            .AddCheck(PostgresReadinessCheck.Name, new PostgresReadinessCheck(connectionString), tags: [ReadinessTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapSiloHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return endpoints;
    }
}
