using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Cluster;

/// <summary>A silo that cannot start says why in one line on stderr and exits non-zero.</summary>
public sealed class SiloStartupFailureTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_a_connection_string_it_exits_non_zero_with_one_clear_line()
    {
        var run = await SiloProcess.RunToExitAsync([], new Dictionary<string, string?> { ["ConnectionStrings__Orleans"] = null }, ExitWithin);

        Assert.NotEqual(0, run.ExitCode);
        var line = SingleLine(run.StandardError);
        Assert.Contains("ConnectionStrings:Orleans", line);
        Assert.Contains("not set", line);
    }

    [Fact]
    public async Task With_an_unreachable_database_it_exits_non_zero_with_one_clear_line()
    {
        var closedPort = FreeTcpPort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=nowhere;Timeout=5",
        };

        var run = await SiloProcess.RunToExitAsync([], environment, ExitWithin);

        Assert.NotEqual(0, run.ExitCode);
        var line = SingleLine(run.StandardError);
        Assert.Contains("database", line);
        Assert.Contains($"127.0.0.1:{closedPort}", line);
    }

    [Fact]
    public async Task With_an_invalid_port_it_exits_non_zero_naming_the_setting()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Username=postgres;Database=unused",
            ["Orleans__Endpoints__SiloPort"] = "not-a-port",
        };

        var run = await SiloProcess.RunToExitAsync([], environment, ExitWithin);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Orleans:Endpoints:SiloPort", SingleLine(run.StandardError));
    }

    [Fact]
    public async Task Migrate_without_a_connection_string_exits_non_zero_with_one_clear_line()
    {
        var run = await SiloProcess.RunToExitAsync(["migrate"], new Dictionary<string, string?> { ["ConnectionStrings__Orleans"] = null }, ExitWithin);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("ConnectionStrings:Orleans", SingleLine(run.StandardError));
    }

    /// <summary>Asserts stderr is one non-empty line (no stack trace) and returns it.</summary>
    private static string SingleLine(string standardError)
    {
        var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Assert.Single(lines);
    }
}
