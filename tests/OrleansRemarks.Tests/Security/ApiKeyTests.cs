using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRemarks.Tests.Http;
using static OrleansRemarks.Tests.Security.SecurityClusterFixture;

namespace OrleansRemarks.Tests.Security;

/// <summary>With Api:Keys set, the query API needs "Authorization: Bearer &lt;key&gt;"; callbacks do not.</summary>
[Collection(SecurityCollection.Name)]
public sealed class ApiKeyTests(SecurityClusterFixture cluster) : IAsyncLifetime
{
    private HttpClient _client = null!;
    private string _owner = "";

    public async Task InitializeAsync()
    {
        var webFront = await cluster.WebFrontAsync("keys", WithKeys());
        _client = webFront.CreateClient();
        _owner = RemarkApi.NewUser();
        using var callback = await _client.SendAsync(Requests.SetRemarkCallback(_owner, "friend", "Bob"));
        Assert.Equal(CallbackResponse.SuccessBody, await callback.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Without_a_key_the_query_api_answers_401_with_a_bearer_challenge()
    {
        using var response = await _client.SendAsync(Requests.Get(RemarkApi.RemarkPath(_owner, "friend")));

        using var problem = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData(KeyA + "x")]
    [InlineData("key-A-0123456789abcdef012345678")] // one character short
    [InlineData("key-A-0123456789abcdef0123456788")] // last character differs
    [InlineData("not-a-key-at-all-but-long-enough")]
    public async Task A_wrong_key_answers_401(string wrongKey)
    {
        using var response = await _client.SendAsync(Requests.Get(RemarkApi.RemarkPath(_owner, "friend"), bearer: wrongKey));

        using var problem = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(wrongKey, problem.RootElement.GetRawText());
    }

    [Fact]
    public async Task The_key_in_another_scheme_or_without_a_scheme_answers_401()
    {
        using var basic = await _client.SendAsync(Requests.GetWithBasic(RemarkApi.RemarkPath(_owner, "friend"), "api", KeyA));
        using var bare = new HttpRequestMessage(HttpMethod.Get, RemarkApi.RemarkPath(_owner, "friend"));
        bare.Headers.TryAddWithoutValidation("Authorization", KeyA);
        using var bareResponse = await _client.SendAsync(bare);

        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bareResponse.StatusCode);
    }

    [Theory]
    [InlineData(KeyA)]
    [InlineData(KeyB)]
    public async Task Either_configured_key_reads_the_remark(string key)
    {
        using var response = await _client.SendAsync(Requests.Get(RemarkApi.RemarkPath(_owner, "friend"), bearer: key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bob", StoredRemark.From(json.RootElement).Remark);
    }

    [Fact]
    public async Task Every_query_endpoint_needs_the_key()
    {
        using var list = await _client.SendAsync(Requests.Get(RemarkApi.RemarksPath(_owner)));
        using var lookup = await _client.PostAsJsonAsync(RemarkApi.LookupPath(_owner), new { friendUserIDs = new[] { "friend" } });
        using var listWithKey = await _client.SendAsync(Requests.Get(RemarkApi.RemarksPath(_owner), bearer: KeyA));
        using var lookupWithKey = new HttpRequestMessage(HttpMethod.Post, RemarkApi.LookupPath(_owner))
        {
            Content = JsonContent.Create(new { friendUserIDs = new[] { "friend" } }),
        };
        lookupWithKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyB);
        using var lookupWithKeyResponse = await _client.SendAsync(lookupWithKey);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, lookup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listWithKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lookupWithKeyResponse.StatusCode);
    }

    [Fact]
    public async Task The_scheme_name_is_case_insensitive()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RemarkApi.RemarkPath(_owner, "friend"));
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + KeyA);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_api_document_tells_clients_to_send_the_key()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var root = json.RootElement;
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        var getRemark = root.GetProperty("paths").GetProperty("/api/v1/users/{ownerUserId}/remarks/{friendUserId}").GetProperty("get");
        var callback = root.GetProperty("paths").EnumerateObject().Single(path => path.Name.StartsWith("/callbackExample/", StringComparison.Ordinal));

        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("ApiKey", getRemark.GetProperty("security")[0].EnumerateObject().Single().Name);
        Assert.True(getRemark.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(getRemark.GetProperty("responses").TryGetProperty("429", out _));
        Assert.False(callback.Value.GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Callbacks_need_no_key()
    {
        using var response = await _client.SendAsync(Requests.SetRemarkCallback(_owner, "friend2", "Carol"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CallbackResponse.SuccessBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sync_api_needs_a_key_like_the_query_api()
    {
        var syncPath = $"/api/v1/users/{Uri.EscapeDataString(_owner)}/remarks:sync";
        using var syncWithout = await _client.PostAsync(syncPath, content: null);
        using var statusWithout = await _client.SendAsync(Requests.Get("/api/v1/sync/status"));
        using var statusWith = await _client.SendAsync(Requests.Get("/api/v1/sync/status", bearer: KeyA));
        using var syncWith = new HttpRequestMessage(HttpMethod.Post, syncPath);
        syncWith.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyA);
        using var syncWithResponse = await _client.SendAsync(syncWith);

        (await RemarkApi.AssertProblemAsync(syncWithout, HttpStatusCode.Unauthorized)).Dispose();
        (await RemarkApi.AssertProblemAsync(statusWithout, HttpStatusCode.Unauthorized)).Dispose();
        Assert.Equal(HttpStatusCode.OK, statusWith.StatusCode);
        Assert.Contains("\"configured\":false", await statusWith.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // This deployment runs callback-only: the authenticated request reaches the endpoint, which says so.
        (await RemarkApi.AssertProblemAsync(syncWithResponse, HttpStatusCode.Conflict)).Dispose();
    }
}
