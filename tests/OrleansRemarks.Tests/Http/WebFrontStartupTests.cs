using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Http;

/// <summary>Configuration mistakes stop the web front at once with one clear line and a non-zero exit code.</summary>
public sealed class WebFrontStartupTests
{
    [Fact]
    public async Task Missing_connection_string_is_one_clear_message_and_a_non_zero_exit()
    {
        var (exitCode, standardError, output) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>());

        Assert.NotEqual(0, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ConnectionStrings:Orleans", message);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public async Task Invalid_callback_settings_are_reported_together_without_echoing_the_secret()
    {
        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Callback__BasePath"] = "no-leading-slash",
            ["Callback__Secret"] = "short/secret",
            ["Callback__MaxBodyBytes"] = "0",
        });

        Assert.NotEqual(0, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Callback:BasePath", message);
        Assert.Contains("Callback:Secret", message);
        Assert.Contains("Callback:MaxBodyBytes", message);
        Assert.DoesNotContain("short/secret", message);
    }

    [Theory]
    [InlineData("255", true)]
    [InlineData("65537", true)]
    [InlineData("256", false)]
    [InlineData("65536", false)]
    public async Task Callback_max_remark_bytes_must_be_between_256_and_65536(string value, bool refused)
    {
        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Callback__MaxRemarkBytes"] = value,
            ["Callback__TimeoutSeconds"] = "0", // stops every start right after validation
        });

        Assert.Equal(2, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Callback:TimeoutSeconds", message);
        Assert.Equal(refused, message.Contains("Callback:MaxRemarkBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_secret_means_no_secret()
    {
        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Callback__Secret"] = "",
            ["Callback__MaxBodyBytes"] = "0", // stops the start after validation, before any connection
        });

        Assert.NotEqual(0, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Callback:MaxBodyBytes", message);
        Assert.DoesNotContain("Callback:Secret", message);
    }
}
