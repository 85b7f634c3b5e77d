using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>The query API: one remark, pages with a cursor, batch lookups, and 400 problem+json for bad input.</summary>
public sealed class QueryContractTests(WebFrontFactory web) : IClassFixture<WebFrontFactory>
{
    private readonly HttpClient _client = web.CreateClient();
    private readonly InMemoryCluster _cluster = web.Cluster;

    private async Task<string> OwnerWithAsync(params (string Friend, string Remark)[] remarks)
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        foreach (var (friend, remark) in remarks)
        {
            await _cluster.Owner(owner).ApplyRemarkAsync(new RemarkChange(friend, remark, "op-" + friend));
        }

        return owner;
    }

    private static string Path(string owner, string rest = "") => $"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks{rest}";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status, string mediaType = "application/json")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>A 400 application/problem+json whose <c>errors</c> name <paramref name="field"/>.</summary>
    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest, "application/problem+json");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.False(string.IsNullOrEmpty(messages[0].GetString()));
    }

    private Task<HttpResponseMessage> LookupAsync(string owner, string body) =>
        _client.PostAsync(new Uri(Path(owner, ":lookup"), UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task One_remark_has_the_documented_fields_and_a_utc_time()
    {
        var owner = await OwnerWithAsync(("张三", "Bob 😀"));

        using var response = await _client.GetAsync(new Uri(Path(owner, "/" + Uri.EscapeDataString("张三")), UriKind.Relative));

        var remark = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(["ownerUserID", "friendUserID", "remark", "updatedAt"], remark.EnumerateObject().Select(field => field.Name));
        Assert.Equal(owner, remark.GetProperty("ownerUserID").GetString());
        Assert.Equal("张三", remark.GetProperty("friendUserID").GetString());
        Assert.Equal("Bob 😀", remark.GetProperty("remark").GetString());
        Assert.EndsWith("Z", remark.GetProperty("updatedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_remark_is_a_404_problem()
    {
        var owner = await OwnerWithAsync(("u2", "Bob"));

        using var response = await _client.GetAsync(new Uri(Path(owner, "/nobody"), UriKind.Relative));

        var problem = await JsonAsync(response, HttpStatusCode.NotFound, "application/problem+json");
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_in_ordinal_order_until_it_is_null()
    {
        string[] friends = ["b", "B", "a", "é", "10", "9", "a2"];
        var owner = await OwnerWithAsync([.. friends.Select(friend => (friend, "r-" + friend))]);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var query = "?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            using var response = await _client.GetAsync(new Uri(Path(owner, query), UriKind.Relative));
            var page = await JsonAsync(response, HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 3);
            seen.AddRange(items.Select(item => item.GetProperty("friendUserID").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(friends.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_up_to_100()
    {
        var owner = await OwnerWithAsync([.. Enumerable.Range(0, 101).Select(i => ($"f{i:D3}", "r"))]);

        using var response = await _client.GetAsync(new Uri(Path(owner), UriKind.Relative));

        var page = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(100, page.GetProperty("items").GetArrayLength());
        Assert.NotNull(page.GetProperty("nextCursor").GetString());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=not%20a%20cursor", "cursor")]
    [InlineData("?cursor=", "cursor")]
    public async Task A_bad_limit_or_cursor_is_a_400_problem_naming_it(string query, string field)
    {
        var owner = await OwnerWithAsync(("u2", "Bob"));

        using var response = await _client.GetAsync(new Uri(Path(owner, query), UriKind.Relative));

        await AssertInvalidAsync(response, field);
    }

    [Fact]
    public async Task A_lookup_answers_the_friends_with_a_remark_in_request_order()
    {
        var owner = await OwnerWithAsync(("f1", "one"), ("f2", "two"), ("f3", "three"));

        using var response = await LookupAsync(owner, """{"friendUserIDs":["f3","nobody","f1","f3"]}""");

        var found = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(
            [("f3", "three"), ("f1", "one")],
            found.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("friendUserID").GetString(), item.GetProperty("remark").GetString())));
    }

    [Fact]
    public async Task A_web_front_that_hosts_no_silo_sends_a_lookup_packed_and_answers_it_the_same()
    {
        var owner = await OwnerWithAsync(("张三", "老同学 😀"), ("f2", "two"));
        var grain = (InMemoryUserFriendsGrain)web.Cluster.Owner(owner);
        var before = grain.PackedLookups;

        using var response = await LookupAsync(owner, """{"friendUserIDs":["nobody","f2","张三","f2"]}""");

        var found = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(before + 1, grain.PackedLookups);
        Assert.Equal(
            [("f2", "two"), ("张三", "老同学 😀")],
            found.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("friendUserID").GetString(), item.GetProperty("remark").GetString())));
        Assert.All(found.GetProperty("items").EnumerateArray(), item => Assert.Equal(owner, item.GetProperty("ownerUserID").GetString()));
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("""{"friendUserIDs":"f1"}""", "body")]
    [InlineData("""{"friendUserIDs":[]}""", "friendUserIDs")]
    [InlineData("""{}""", "friendUserIDs")]
    [InlineData("""{"friendUserIDs":["f1",null]}""", "friendUserIDs")]
    [InlineData("""{"friendUserIDs":["f1",""]}""", "friendUserIDs")]
    [InlineData("""{"friendUserIDs":["f\u0000"]}""", "friendUserIDs")]
    public async Task A_bad_lookup_is_a_400_problem_naming_the_field(string body, string field)
    {
        var owner = await OwnerWithAsync(("f1", "one"));

        using var response = await LookupAsync(owner, body);

        await AssertInvalidAsync(response, field);
    }

    [Fact]
    public async Task A_lookup_of_more_than_1000_friends_is_a_400_problem()
    {
        var owner = await OwnerWithAsync(("f1", "one"));

        using var response = await _client.PostAsJsonAsync(new Uri(Path(owner, ":lookup"), UriKind.Relative), new { friendUserIDs = Enumerable.Range(0, 1001).Select(i => "f" + i) });

        await AssertInvalidAsync(response, "friendUserIDs");
    }

    [Fact]
    public async Task An_owner_id_with_a_control_character_is_a_400_problem()
    {
        using var single = await _client.GetAsync(new Uri("/api/v1/users/a%01b/remarks/u2", UriKind.Relative));
        using var page = await _client.GetAsync(new Uri("/api/v1/users/a%01b/remarks", UriKind.Relative));

        await AssertInvalidAsync(single, "ownerUserID");
        await AssertInvalidAsync(page, "ownerUserID");
    }

    [Fact]
    public async Task An_unreachable_cluster_is_a_503_problem()
    {
        var owner = await OwnerWithAsync(("u2", "Bob"));
        _cluster.Unavailable = () => new SiloUnavailableException();
        try
        {
            using var response = await _client.GetAsync(new Uri(Path(owner, "/u2"), UriKind.Relative));

            var problem = await JsonAsync(response, HttpStatusCode.ServiceUnavailable, "application/problem+json");
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }
        finally
        {
            _cluster.Unavailable = null;
        }
    }
}
