using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Security;

/// <summary>
/// A web front that other machines can reach protects its callbacks, which set anyone's remarks: it
/// starts only with <c>Callback:Secret</c>, <c>Callback:AllowedNetworks</c>, or an explicit
/// <c>Callback:AllowAnySource=true</c>. On loopback it starts as before.
/// </summary>
public sealed class CallbackExposureStartupTests
{
    /// <summary>Valid for everything but the cluster, which the refused web fronts never reach.</summary>
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Username=nobody";

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("[::]")]
    [InlineData("192.0.2.10")]
    public async Task Exposed_callbacks_without_protection_stop_the_start_with_one_line(string listenHost)
    {
        var (exitCode, standardError, output) = await WebFrontProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Orleans"] = UnreachableDatabase, ["Api__Keys__0"] = SecurityClusterFixture.KeyA },
            listenHost);

        Assert.Equal(2, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Callback:Secret", message);
        Assert.Contains("Callback:AllowedNetworks", message);
        Assert.Contains("Callback:AllowAnySource", message);
        Assert.Contains(listenHost, message);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("0.0.0.0", "Callback__Secret", "s3cr3t-Path-Segment_0123456789")]
    [InlineData("0.0.0.0", "Callback__AllowedNetworks__0", "10.0.0.0/8")]
    [InlineData("0.0.0.0", "Callback__AllowAnySource", "true")]
    [InlineData("127.0.0.1", "", "")]
    [InlineData("localhost", "", "")]
    public async Task A_secret_allowed_networks_an_explicit_allow_any_source_or_loopback_pass_this_check(string listenHost, string setting, string value)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = UnreachableDatabase,
            ["Api__Keys__0"] = SecurityClusterFixture.KeyA,
            ["Callback__MaxBodyBytes"] = "0", // stops the start right after validation
        };
        if (setting.Length > 0)
        {
            settings[setting] = value;
        }

        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(settings, listenHost);

        Assert.Equal(2, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Callback:MaxBodyBytes", message);
        Assert.DoesNotContain("Callback:AllowAnySource", message);
        Assert.DoesNotContain(value.Length > 0 ? value : "\0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_any_source_must_be_true_or_false()
    {
        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = UnreachableDatabase,
            ["Callback__AllowAnySource"] = "yes please",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Callback:AllowAnySource", Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
