using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRemarks.Tests.Http;
using static OrleansRemarks.Tests.Security.SecurityClusterFixture;

namespace OrleansRemarks.Tests.Security;

/// <summary>GET /api/v1/policy is part of the query API: with Api:Keys set it needs a key.</summary>
[Collection(SecurityCollection.Name)]
public sealed class PolicyEndpointAccessTests(SecurityClusterFixture cluster)
{
    [Fact]
    public async Task Policy_needs_a_key_when_keys_are_set()
    {
        using var client = (await cluster.WebFrontAsync("keys", WithKeys())).CreateClient();

        using var anonymous = await client.SendAsync(Requests.Get("/api/v1/policy"));
        using var wrong = await client.SendAsync(Requests.Get("/api/v1/policy", bearer: "not-a-key-at-all-but-long-enough"));
        using var keyed = await client.SendAsync(Requests.Get("/api/v1/policy", bearer: KeyB));

        using var problem = await RemarkApi.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        var policy = await keyed.Content.ReadFromJsonAsync<JsonElement>();
        // No Policy:* settings: every rule off, and before-callbacks are answered "continue" unread.
        Assert.False(policy.GetProperty("active").GetBoolean());
        Assert.Equal(0, policy.GetProperty("maxLength").GetInt32());
        Assert.Empty(policy.GetProperty("blockedTerms").EnumerateArray());
        Assert.Equal(200, policy.GetProperty("timeoutMilliseconds").GetInt32());
    }
}
