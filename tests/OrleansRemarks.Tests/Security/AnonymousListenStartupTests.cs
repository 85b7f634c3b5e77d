using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Security;

/// <summary>Safe by default: without API keys the web front does not start on an address other machines can reach.</summary>
public sealed class AnonymousListenStartupTests
{
    /// <summary>Valid for everything but the cluster, which the refused web fronts never reach.</summary>
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Username=nobody";

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("*")]
    [InlineData("+")]
    [InlineData("[::]")]
    [InlineData("192.0.2.10")]
    [InlineData("remarks.example.internal")]
    public async Task Without_keys_a_non_loopback_address_stops_the_start_with_one_line(string listenHost)
    {
        var (exitCode, standardError, output) = await WebFrontProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Orleans"] = UnreachableDatabase }, listenHost);

        Assert.Equal(2, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Api:Keys", message);
        Assert.Contains("Api:AllowAnonymous", message);
        Assert.Contains(listenHost, message);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_kestrel_endpoint_on_all_interfaces_counts_too()
    {
        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = UnreachableDatabase,
            ["Kestrel__Endpoints__Public__Url"] = $"http://0.0.0.0:{FreeTcpPort.Next()}",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Api:Keys is empty", standardError);
    }

    [Theory]
    [InlineData("127.0.0.1", "")]
    [InlineData("localhost", "")]
    [InlineData("[::1]", "")]
    [InlineData("0.0.0.0", "Api__AllowAnonymous")]
    [InlineData("0.0.0.0", "Api__Keys__0")]
    public async Task Loopback_an_explicit_allow_anonymous_or_a_key_pass_this_check(string listenHost, string setting)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = UnreachableDatabase,
            ["Callback__MaxBodyBytes"] = "0", // stops the start right after validation
            ["Callback__AllowAnySource"] = "true", // the callbacks' own exposure rule is tested elsewhere
        };
        if (setting == "Api__AllowAnonymous")
        {
            settings[setting] = "true";
        }
        else if (setting.Length > 0)
        {
            settings[setting] = SecurityClusterFixture.KeyA;
        }

        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(settings, listenHost);

        Assert.Equal(2, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Callback:MaxBodyBytes", message);
        Assert.DoesNotContain("Api:", message);
    }
}
