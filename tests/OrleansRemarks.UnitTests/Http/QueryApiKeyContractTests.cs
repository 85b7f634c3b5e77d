using System.Net;
using System.Net.Http.Headers;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>With <c>Api:Keys</c> set, every query needs <c>Authorization: Bearer &lt;key&gt;</c>; callbacks need none.</summary>
public sealed class QueryApiKeyContractTests(QueryApiKeyContractTests.KeyedWebFront web) : IClassFixture<QueryApiKeyContractTests.KeyedWebFront>
{
    private const string FirstKey = "first-query-key-0123456789";
    private const string SecondKey = "second-query-key-0123456789";

    private readonly HttpClient _client = web.CreateClient();

    public sealed class KeyedWebFront() : WebFrontFactory(("Api:Keys:0", FirstKey), ("Api:Keys:1", SecondKey));

    public static TheoryData<HttpMethod, string> QueryEndpoints => new()
    {
        { HttpMethod.Get, "/api/v1/users/owner-k/remarks/u2" },
        { HttpMethod.Get, "/api/v1/users/owner-k/remarks" },
        { HttpMethod.Post, "/api/v1/users/owner-k/remarks:lookup" },
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("""{"friendUserIDs":["u2"]}""", System.Text.Encoding.UTF8, "application/json");
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return await _client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(QueryEndpoints))]
    public async Task Without_a_key_every_query_is_401_with_a_bearer_challenge(HttpMethod method, string path)
    {
        using var response = await SendAsync(method, path, authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer wrong-query-key-0123456789")]
    [InlineData("Bearer " + FirstKey + "x")]
    [InlineData("Basic " + FirstKey)]
    public async Task A_wrong_key_or_scheme_is_401(string authorization)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/users/owner-k/remarks", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(FirstKey)]
    [InlineData(SecondKey)]
    public async Task Either_key_reads_every_query_endpoint(string key)
    {
        await web.Cluster.Owner("owner-k").ApplyRemarkAsync(new RemarkChange("u2", "Bob", "op-1"));

        foreach (var (method, path) in QueryEndpoints.Select(row => ((HttpMethod)row[0], (string)row[1])))
        {
            using var response = await SendAsync(method, path, "Bearer " + key);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Callbacks_need_no_key()
    {
        const string AfterSet = "callbackAfterSetFriendRemarkCommand";

        using var response = await OpenImReplies.PostAsync(_client, "/callbackExample/" + AfterSet, GoJson.FriendRemarkCallback(AfterSet, "owner-c", "u2", "Bob"));

        await OpenImReplies.AssertSuccessAsync(response);
    }
}
