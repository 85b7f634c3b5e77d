using System.Collections.Concurrent;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Security;

/// <summary>
/// One database and one silo for the security tests, and web fronts with different settings started
/// against them on demand: each name is started once, on first use, and shared by the tests using it.
/// </summary>
public sealed class SecurityClusterFixture : IAsyncLifetime
{
    /// <summary>Two valid API keys (Api:Keys:0 and Api:Keys:1).</summary>
    public const string KeyA = "key-A-0123456789abcdef0123456789";

    public const string KeyB = "key-B-fedcba9876543210fedcba9876";

    private readonly ConcurrentDictionary<string, Lazy<Task<WebFrontProcess>>> _webFronts = new();
    private SiloProcess? _silo;
    private Dictionary<string, string> _clusterSettings = [];

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Settings with both keys, for <see cref="WebFrontAsync"/>.</summary>
    public static Dictionary<string, string> WithKeys(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string> { ["Api__Keys__0"] = KeyA, ["Api__Keys__1"] = KeyB };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        var deployment = await DeploymentIdentity.CreateAsync(await SharedPostgres.GetAsync(), "security");
        _silo = await SiloProcess.StartAsync(
            deployment.ConnectionString, deployment.ClusterId, deployment.ServiceId, FreeTcpPort.Next(), FreeTcpPort.Next());
        _clusterSettings = deployment.Settings();
    }

    /// <summary>The web front of this name, started with these settings (and the cluster's) on first use.</summary>
    public Task<WebFrontProcess> WebFrontAsync(string name, IReadOnlyDictionary<string, string> settings, string listenHost = "127.0.0.1") =>
        _webFronts.GetOrAdd(name, _ => new Lazy<Task<WebFrontProcess>>(() =>
        {
            var all = new Dictionary<string, string>(settings);
            foreach (var (key, value) in _clusterSettings)
            {
                all[key] = value;
            }

            return WebFrontProcess.StartAsync(all, listenHost);
        })).Value;

    public async Task DisposeAsync()
    {
        foreach (var webFront in _webFronts.Values.Where(lazy => lazy.IsValueCreated))
        {
            try
            {
                await (await webFront.Value).DisposeAsync();
            }
            catch (Exception)
            {
                // It never started; its start-up failure was already reported by the test that asked for it.
            }
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

/// <summary>The security tests that need a cluster share one silo.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityClusterFixture>
{
    public const string Name = "Security";
}
