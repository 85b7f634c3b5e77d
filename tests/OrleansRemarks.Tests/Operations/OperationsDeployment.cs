using System.Net;
using OrleansRemarks.Tests.Http;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Operations;

/// <summary>
/// A deployment watched the way an operator does: a silo and a web front, both logging JSON lines,
/// with a callback secret and a database password that must never reach their logs. The silo can be
/// stopped and started again on the same ports.
/// </summary>
public abstract class OperationsDeployment : IAsyncLifetime
{
    public const string CallbackSecret = "ops-Secret_Path-Segment-0123456789";
    public const string CallbackBasePath = "/callbackExample/" + CallbackSecret;

    /// <summary>PostgreSQL trusts loopback here, so this password is sent nowhere; it only has to stay out of the logs.</summary>
    public static readonly string DatabasePassword = "db-password-" + Guid.NewGuid().ToString("N")[..12];

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly List<string> _earlierSiloOutput = [];
    private PostgresServer? _postgres;
    private SiloProcess? _silo;
    private WebFrontProcess? _webFront;
    private DeploymentIdentity? _deployment;
    private int _siloPort;
    private int _gatewayPort;
    private int _siloHttpPort;

    public PostgresServer Postgres => _postgres ?? throw NotStarted();

    public SiloProcess Silo => _silo ?? throw NotStarted();

    public WebFrontProcess WebFront => _webFront ?? throw NotStarted();

    /// <summary>The connection string both processes use (with the password).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>To the web front.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>To the silo's health and metrics listener.</summary>
    public HttpClient SiloClient { get; private set; } = null!;

    public OpenImCallbackSender Callbacks => new(Client, CallbackBasePath);

    public RemarkApi Remarks => new(Client);

    /// <summary>Everything every silo of this deployment wrote, including silos stopped since.</summary>
    public string SiloOutput => string.Join('\n', _earlierSiloOutput.Append(_silo?.Output ?? ""));

    protected virtual bool OwnsPostgres => false;

    /// <summary>Extra web front settings, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraWebFrontSettings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _postgres = OwnsPostgres ? await PostgresServer.StartNewAsync() : await SharedPostgres.GetAsync();
        var created = await DeploymentIdentity.CreateAsync(_postgres, "ops");
        _deployment = created with { ConnectionString = created.ConnectionString + ";Password=" + DatabasePassword };
        ConnectionString = _deployment.ConnectionString;
        (_siloPort, _gatewayPort, _siloHttpPort) = (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next());
        SiloClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_siloHttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        await StartSiloAsync();
        var settings = _deployment.Settings(ExtraWebFrontSettings);
        settings["Callback__Secret"] = CallbackSecret;
        settings["Logging__Console__FormatterName"] = "json";
        _webFront = await WebFrontProcess.StartAsync(settings);
        Client = _webFront.CreateClient();
    }

    /// <summary>Stops the silo with SIGTERM (it leaves the cluster) and keeps its output.</summary>
    public async Task StopSiloAsync()
    {
        await Silo.StopAsync();
        _earlierSiloOutput.Add(Silo.Output);
        await Silo.DisposeAsync();
        _silo = null;
    }

    /// <summary>Starts a silo on the same ports as before and waits until its /health/ready answers 200.</summary>
    public async Task StartSiloAsync()
    {
        var deployment = _deployment ?? throw NotStarted();
        _silo = await SiloProcess.StartAsync(
            deployment.ConnectionString, deployment.ClusterId, deployment.ServiceId, _siloPort, _gatewayPort, _siloHttpPort,
            new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" });
        await Eventually.ReturnsAsync(() => HealthAnswer.GetAsync(SiloClient, "/health/ready"),
            answer => answer.Status == HttpStatusCode.OK, ReadyTimeout, "The silo's /health/ready answering 200");
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        SiloClient?.Dispose();
        await DeploymentTeardown.StopAsync(_webFront, _silo, OwnsPostgres ? _postgres : null);
    }

    private static InvalidOperationException NotStarted() => new("The fixture has not started.");
}
