using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using OrleansRemarks.Silo.Configuration;
using OrleansRemarks.Silo.Operations.Health;
using OrleansRemarks.Silo.Operations.Metrics;

namespace OrleansRemarks.Silo.Operations;

/// <summary>The silo's HTTP listener on <c>Silo:HttpUrl</c>: <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
public static class SiloOperations
{
    /// <exception cref="SiloConfigurationException"><c>Silo:HttpUrl</c> is invalid or its port is taken.</exception>
    public static WebApplicationBuilder AddSiloOperations(this WebApplicationBuilder builder, SiloSettings settings)
    {
        var http = LoadHttpOptions(builder.Configuration, settings);
        HttpPortAvailability.EnsureFree(http);
        // Only Silo:HttpUrl: not ASPNETCORE_URLS, nor the HTTP_PORTS that the .NET container images set.
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        builder.WebHost.UseUrls(http.HttpUrl);
        builder.Services
            .AddSiloHealthChecks(settings.ConnectionString)
            .AddSiloMetrics();
        return builder;
    }

    public static WebApplication MapSiloOperations(this WebApplication app)
    {
        app.MapSiloHealthEndpoints();
        app.MapSiloMetricsEndpoint();
        return app;
    }

    private static SiloHttpOptions LoadHttpOptions(IConfiguration configuration, SiloSettings settings)
    {
        var options = SiloSettings.Bind<SiloHttpOptions>(configuration, SiloHttpOptions.SectionName);
        var errors = options.Validate(settings.Endpoints.SiloPort, settings.Endpoints.GatewayPort).ToList();
        return errors.Count == 0 ? options : throw new SiloConfigurationException(string.Join("; ", errors) + ".");
    }
}
