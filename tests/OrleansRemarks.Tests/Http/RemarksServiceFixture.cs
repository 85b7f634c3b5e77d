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

    /// <summary>The database's server encoding; null for the server's default (UTF8).</summary>
    protected virtual string? DatabaseEncoding => null;

    /// <summary>True when this fixture owns its server (and may stop it); false for the shared one.</summary>
    protected virtual bool OwnsPostgres => false;

    public async Task InitializeAsync()
    {
        _postgres = OwnsPostgres ? await PostgresServer.StartNewAsync() : await SharedPostgres.GetAsync();
        var deployment = await DeploymentIdentity.CreateAsync(_postgres, "web", DatabaseEncoding);
        _silo = await SiloProcess.StartAsync(
            deployment.ConnectionString, deployment.ClusterId, deployment.ServiceId, FreeTcpPort.Next(), FreeTcpPort.Next());
        _webFront = await WebFrontProcess.StartAsync(deployment.Settings(WebFrontSettings));
        Client = _webFront.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await DeploymentTeardown.StopAsync(_webFront, _silo, OwnsPostgres ? _postgres : null);
    }

    private static InvalidOperationException NotStarted() => new("The fixture has not started.");
}
