using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Http;

/// <summary>
/// One real deployment for a test class: a PostgreSQL database, a silo process (which applies the
/// schema on start) and a web front process connected to it through the membership table.
/// </summary>
public abstract class RemarksServiceFixture : IAsyncLifetime
{
    private SiloProcess? _silo;
    private WebFrontProcess? _webFront;
    private PostgresServer? _postgres;

    public PostgresServer Postgres => _postgres ?? throw NotStarted();

    public SiloProcess Silo => _silo ?? throw NotStarted();

    public WebFrontProcess WebFront => _webFront ?? throw NotStarted();

    public HttpClient Client { get; private set; } = null!;

    public OpenImCallbackSender Callbacks => new(Client);

    public RemarkApi Remarks => new(Client);

    /// <summary>Extra web front settings, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string> WebFrontSettings { get; } = new Dictionary<string, string>();

    /// <summary>True when this fixture owns its server (and may stop it); false for the shared one.</summary>
    protected virtual bool OwnsPostgres => false;

    public async Task InitializeAsync()
    {
        _postgres = OwnsPostgres ? await PostgresServer.StartNewAsync() : await SharedPostgres.GetAsync();
        var connectionString = await _postgres.CreateDatabaseAsync("web");
        var clusterId = "web-" + Guid.NewGuid().ToString("N")[..8];
        var serviceId = "remarks-" + Guid.NewGuid().ToString("N")[..8];
        _silo = await SiloProcess.StartAsync(connectionString, clusterId, serviceId, FreeTcpPort.Next(), FreeTcpPort.Next());
        var settings = new Dictionary<string, string>(WebFrontSettings)
        {
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = serviceId,
        };
        _webFront = await WebFrontProcess.StartAsync(settings);
        Client = _webFront.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await DeploymentTeardown.StopAsync(_webFront, _silo, OwnsPostgres ? _postgres : null);
    }

    private static InvalidOperationException NotStarted() => new("The fixture has not started.");
}
