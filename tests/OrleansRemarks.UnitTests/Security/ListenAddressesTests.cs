using Microsoft.Extensions.Configuration;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.UnitTests.Security;

/// <summary>Which addresses the web front will listen on (Kestrel's precedence), and which of them other machines can reach.</summary>
public sealed class ListenAddressesTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();

    [Fact]
    public void Without_settings_it_is_the_default_loopback_url()
    {
        var configured = ListenAddresses.Configured(Settings());

        Assert.Equal(["http://127.0.0.1:10006"], configured);
        Assert.Empty(ListenAddresses.NonLoopback(Settings()));
    }

    [Fact]
    public void Kestrel_endpoints_win_over_urls_and_urls_over_ports()
    {
        var all = Settings(
            ("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080"),
            ("urls", "http://127.0.0.1:5000"),
            ("http_ports", "9000"));
        Assert.Equal(["http://0.0.0.0:8080"], ListenAddresses.Configured(all));

        var urls = Settings(("urls", "http://127.0.0.1:5000; http://[::1]:5001,http://*:5002"), ("http_ports", "9000"));
        Assert.Equal(["http://127.0.0.1:5000", "http://[::1]:5001", "http://*:5002"], ListenAddresses.Configured(urls));
        Assert.Equal(["http://*:5002"], ListenAddresses.NonLoopback(urls));

        var ports = Settings(("http_ports", "9000"), ("https_ports", "9443"));
        Assert.Equal(["http://*:9000", "https://*:9443"], ListenAddresses.Configured(ports));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.9.9.9:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://LOCALHOST:5000", true)]
    [InlineData("http://unix:/run/remarks.sock", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://remarks.internal:5000", false)]
    [InlineData("http://10.0.0.5:5000", false)]
    [InlineData("not-a-url", false)]
    public void Only_loopback_addresses_sockets_and_localhost_are_out_of_reach_of_other_machines(string url, bool loopbackOnly) =>
        Assert.Equal(loopbackOnly ? [] : [url], ListenAddresses.NonLoopback(Settings(("urls", url))));
}
