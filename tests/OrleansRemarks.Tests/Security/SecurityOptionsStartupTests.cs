using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Security;

/// <summary>Every bad security or limit setting is named in the one line the web front prints before exiting with 2.</summary>
public sealed class SecurityOptionsStartupTests
{
    [Fact]
    public async Task Bad_values_are_reported_together_without_echoing_a_key()
    {
        const string ShortKey = "tooShortKey";
        var (exitCode, standardError, output) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Api__Keys__0"] = ShortKey,
            ["Api__Keys__1"] = "has spaces but is long enough",
            ["Api__MaxBodyBytes"] = "0",
            ["Api__MaxLookupIds"] = "1001",
            ["Api__MaxPageSize"] = "0",
            ["Api__RateLimit__PermitsPerSecond"] = "-1",
            ["Api__RateLimit__Burst"] = "0",
            ["Network__TrustedProxies__0"] = "10.0.0.1/8",
            ["Network__ForwardLimit"] = "0",
            ["Callback__AllowedNetworks__0"] = "10.0.0.0/8,not-a-network",
            ["Dashboard__Keys__0"] = "short-dash-key",
        });

        Assert.Equal(2, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var key in new[]
                 {
                     "Api:Keys:0", "Api:Keys:1", "Api:MaxBodyBytes", "Api:MaxLookupIds", "Api:MaxPageSize",
                     "Api:RateLimit:PermitsPerSecond", "Api:RateLimit:Burst", "Network:TrustedProxies", "Network:ForwardLimit",
                     "Callback:AllowedNetworks", "Dashboard:Keys:0",
                 })
        {
            Assert.Contains(key, message);
        }

        Assert.DoesNotContain(ShortKey, message);
        Assert.DoesNotContain("has spaces", message);
        Assert.DoesNotContain("short-dash-key", message);
        Assert.Contains("not-a-network", message);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task An_empty_key_is_an_error_not_a_way_to_switch_keys_off()
    {
        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Api__Keys__0"] = "",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Api:Keys:0", standardError);
    }

    [Fact]
    public async Task A_value_that_is_not_a_number_is_named_too()
    {
        var (exitCode, standardError, _) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Api__RateLimit__Burst"] = "ten",
            ["Api__MaxPageSize"] = "0",
        });

        Assert.Equal(2, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Api:RateLimit:Burst", message);
        Assert.Contains("Api:MaxPageSize", message);
    }
}
