using System.Net;
using OrleansRemarks.Tests.Http;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Security;

/// <summary>
/// Callback:AllowedNetworks admits callbacks by client address; X-Forwarded-For counts only when the
/// peer is one of Network:TrustedProxies. The tests' peer address is always 127.0.0.1.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class CallbackNetworkTests(SecurityClusterFixture cluster)
{
    private const string Documentation = "192.0.2.0/24";

    [Fact]
    public async Task A_callback_from_an_allowed_network_is_served()
    {
        using var client = await ClientAsync("allow-loopback", ("Callback__AllowedNetworks__0", "10.0.0.0/8, 127.0.0.0/8"));
        var owner = RemarkApi.NewUser();

        using var response = await client.SendAsync(Requests.SetRemarkCallback(owner, "friend", "Bob"));

        Assert.Equal(CallbackResponse.SuccessBody, await response.Content.ReadAsStringAsync());
        Assert.Equal("Bob", (await new RemarkApi(client).GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task A_callback_from_another_network_is_403_and_not_applied()
    {
        using var client = await ClientAsync("allow-documentation", ("Callback__AllowedNetworks__0", Documentation));
        var owner = RemarkApi.NewUser();

        using var response = await client.SendAsync(Requests.SetRemarkCallback(owner, "friend", "Bob"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await new RemarkApi(client).GetAsync(owner, "friend")); // the query API is not restricted
    }

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        using var client = await ClientAsync("allow-documentation", ("Callback__AllowedNetworks__0", Documentation));
        var owner = RemarkApi.NewUser();

        using var response = await client.SendAsync(Requests.SetRemarkCallback(owner, "friend", "Bob", forwardedFor: "192.0.2.7"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await new RemarkApi(client).GetAsync(owner, "friend"));
    }

    [Fact]
    public async Task A_forwarded_for_from_a_peer_that_is_not_the_trusted_proxy_is_ignored()
    {
        using var client = await ClientAsync(
            "other-proxy", ("Callback__AllowedNetworks__0", Documentation), ("Network__TrustedProxies__0", "198.51.100.1"));

        using var response = await client.SendAsync(Requests.SetRemarkCallback(RemarkApi.NewUser(), "friend", "Bob", forwardedFor: "192.0.2.7"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Through_a_trusted_proxy_the_forwarded_address_decides()
    {
        using var client = await ClientAsync(
            "trusted-proxy", ("Callback__AllowedNetworks__0", Documentation), ("Network__TrustedProxies__0", "127.0.0.1"));

        using var allowed = await client.SendAsync(Requests.SetRemarkCallback(RemarkApi.NewUser(), "friend", "Bob", forwardedFor: "192.0.2.7"));
        using var other = await client.SendAsync(Requests.SetRemarkCallback(RemarkApi.NewUser(), "friend", "Bob", forwardedFor: "203.0.113.9"));
        using var proxyItself = await client.SendAsync(Requests.SetRemarkCallback(RemarkApi.NewUser(), "friend", "Bob"));

        Assert.Equal(CallbackResponse.SuccessBody, await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, proxyItself.StatusCode);
    }

    [Fact]
    public async Task Only_the_entry_the_trusted_proxy_added_counts_not_what_the_client_sent_before_it()
    {
        using var client = await ClientAsync(
            "trusted-proxy", ("Callback__AllowedNetworks__0", Documentation), ("Network__TrustedProxies__0", "127.0.0.1"));

        // The client claimed 192.0.2.7; the proxy appended the address it really saw.
        using var response = await client.SendAsync(Requests.SetRemarkCallback(RemarkApi.NewUser(), "friend", "Bob", forwardedFor: "192.0.2.7, 203.0.113.9"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string name, params (string Key, string Value)[] settings)
    {
        WebFrontProcess webFront = await cluster.WebFrontAsync(name, settings.ToDictionary(setting => setting.Key, setting => setting.Value));
        return webFront.CreateClient();
    }
}
