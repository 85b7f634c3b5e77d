using System.Net;
using OrleansRemarks.Tests.Http;

namespace OrleansRemarks.Tests.Security;

/// <summary>
/// On all interfaces the web front serves: with keys (and asks for them), or anonymously when told to.
/// Its callbacks are protected by a secret here, or open to any source on purpose.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class NonLoopbackStartTests(SecurityClusterFixture cluster)
{
    [Fact]
    public async Task With_keys_it_starts_on_all_interfaces_and_asks_for_a_key()
    {
        var webFront = await cluster.WebFrontAsync("keys-any", SecurityClusterFixture.WithKeys(("Callback__Secret", "s3cr3t-Path-Segment_0123456789")), listenHost: "0.0.0.0");
        using var client = webFront.CreateClient();

        using var anonymous = await client.SendAsync(Requests.Get(RemarkApi.RemarkPath("u", "f")));
        using var withKey = await client.SendAsync(Requests.Get(RemarkApi.RemarkPath("u", "f"), bearer: SecurityClusterFixture.KeyA));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withKey.StatusCode);
    }

    [Fact]
    public async Task With_allow_anonymous_it_starts_on_all_interfaces_and_serves_without_a_key()
    {
        var webFront = await cluster.WebFrontAsync(
            "anonymous-any", new Dictionary<string, string> { ["Api__AllowAnonymous"] = "true", ["Callback__AllowAnySource"] = "true" }, listenHost: "0.0.0.0");
        using var client = webFront.CreateClient();

        using var response = await client.SendAsync(Requests.Get(RemarkApi.RemarkPath("u", "f")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // no such remark, but served
    }
}
