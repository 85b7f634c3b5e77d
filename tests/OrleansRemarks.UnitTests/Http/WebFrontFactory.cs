using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>
/// The real web front (its Program, middleware, options and handlers) on an in-process test server,
/// with the cluster replaced by <see cref="InMemoryCluster"/>: the Orleans client's hosted services
/// are removed, so nothing connects to a gateway or to PostgreSQL. Subclasses pass settings:
/// configuration keys as the web front reads them (e.g. <c>Api:Keys:0</c>); a test class gets one
/// started web front per class (<c>IClassFixture</c>), as in dotnet/eShop's functional tests.
/// </summary>
public class WebFrontFactory : WebApplicationFactory<Program>
{
    /// <summary>Checked for a valid PostgreSQL connection string at start, never connected to.</summary>
    private const string UnusedConnectionString = "Host=127.0.0.1;Port=1;Database=unused;Username=unused";

    private readonly (string Key, string Value)[] _settings;

    public WebFrontFactory()
        : this([])
    {
    }

    protected WebFrontFactory(params (string Key, string Value)[] settings) => _settings = settings;

    public InMemoryCluster Cluster { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("ConnectionStrings:Orleans", UnusedConnectionString);
        // No start-up warm-up unless a test asks for it (WarmupReadinessTests).
        builder.UseSetting("Warmup:Reads", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            foreach (var hosted in services.Where(descriptor => descriptor.ServiceType == typeof(IHostedService) && IsFromOrleans(descriptor)).ToList())
            {
                services.Remove(hosted);
            }

            services.AddSingleton<IClusterClient>(Cluster);
            services.AddSingleton<IGrainFactory>(Cluster);
        });
    }

    /// <summary>The Orleans client (and its dashboard half) start as hosted services; their types live in Orleans assemblies.</summary>
    private static bool IsFromOrleans(ServiceDescriptor descriptor)
    {
        var type = descriptor.IsKeyedService
            ? descriptor.KeyedImplementationType ?? descriptor.KeyedImplementationInstance?.GetType() ?? descriptor.KeyedImplementationFactory?.Method.DeclaringType
            : descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType() ?? descriptor.ImplementationFactory?.Method.DeclaringType;
        // "Orleans." and not "Orleans": this service's own assemblies (OrleansRemarks.*) keep their hosted services.
        return type?.Assembly.GetName().Name?.StartsWith("Orleans.", StringComparison.Ordinal) == true;
    }
}
