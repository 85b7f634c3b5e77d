using System.Net;
using System.Net.Sockets;
using Npgsql;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Operations;

/// <summary>A bad operations setting stops the process before it serves, with one line naming the setting and exit code 2.</summary>
public sealed class OperationsStartupTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("not a url")]
    [InlineData("https://127.0.0.1:10443")]
    [InlineData("http://127.0.0.1:70000")]
    [InlineData("http://example.com:10080")]
    [InlineData("http://127.0.0.1:10080/health")]
    public async Task Unusable_Silo_HttpUrl_stops_the_silo_with_one_line(string httpUrl)
    {
        var connectionString = await MigratedDatabase.CreateAsync();

        var run = await RunSiloAsync(connectionString, httpUrl, FreeTcpPort.Next());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Silo:HttpUrl", SingleLine(run.StandardError));
    }

    [Fact]
    public async Task Silo_HttpUrl_on_the_gateway_port_stops_the_silo()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var gatewayPort = FreeTcpPort.Next();

        var run = await RunSiloAsync(connectionString, $"http://127.0.0.1:{gatewayPort}", gatewayPort);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Silo:HttpUrl", SingleLine(run.StandardError));
    }

    [Fact]
    public async Task Silo_HttpUrl_port_in_use_stops_the_silo_before_it_joins_the_cluster()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var run = await RunSiloAsync(connectionString, $"http://127.0.0.1:{port}", FreeTcpPort.Next());

        Assert.Equal(2, run.ExitCode);
        var line = SingleLine(run.StandardError);
        Assert.Contains("Silo:HttpUrl", line);
        Assert.Contains("own port", line);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT count(*) FROM orleans_membership", connection);
        Assert.Equal(0L, await rows.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("31")]
    [InlineData("ten")]
    public async Task Callback_TimeoutSeconds_out_of_range_stops_the_web_front_with_one_line(string timeoutSeconds)
    {
        var (exitCode, standardError, output) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Callback__TimeoutSeconds"] = timeoutSeconds,
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Callback:TimeoutSeconds", SingleLine(standardError));
        Assert.DoesNotContain("   at ", output);
    }

    private static Task<SiloRunResult> RunSiloAsync(string connectionString, string httpUrl, int gatewayPort) =>
        SiloProcess.RunToExitAsync([], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ClusterId"] = "startup-" + Guid.NewGuid().ToString("N")[..8],
            ["Orleans__Endpoints__SiloPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Silo__HttpUrl"] = httpUrl,
        }, ExitWithin);

    /// <summary>Asserts stderr is one non-empty line (no stack trace) and returns it.</summary>
    private static string SingleLine(string standardError) =>
        Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
