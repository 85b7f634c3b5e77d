using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRemarks.Tests.Http;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Security;

/// <summary>Api:MaxBodyBytes, Api:MaxLookupIds, Api:MaxPageSize and Callback:MaxRemarkBytes, set low here, and the OpenAPI document that shows them.</summary>
[Collection(SecurityCollection.Name)]
public sealed class QueryLimitTests(SecurityClusterFixture cluster) : IAsyncLifetime
{
    private const int MaxBodyBytes = 200;
    private const int MaxLookupIds = 3;
    private const int MaxPageSize = 5;
    private const int MaxRemarkBytes = 300;

    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var webFront = await cluster.WebFrontAsync("small-limits", new Dictionary<string, string>
        {
            ["Api__MaxBodyBytes"] = MaxBodyBytes.ToString(),
            ["Api__MaxLookupIds"] = MaxLookupIds.ToString(),
            ["Api__MaxPageSize"] = MaxPageSize.ToString(),
            ["Callback__MaxRemarkBytes"] = MaxRemarkBytes.ToString(),
        });
        _client = webFront.CreateClient();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_lookup_of_more_ids_than_allowed_is_400()
    {
        using var allowed = await _client.PostAsJsonAsync(RemarkApi.LookupPath("u"), new { friendUserIDs = new[] { "a", "b", "c" } });
        using var tooMany = await _client.PostAsJsonAsync(RemarkApi.LookupPath("u"), new { friendUserIDs = new[] { "a", "b", "c", "d" } });

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var problem = await RemarkApi.AssertProblemAsync(tooMany, HttpStatusCode.BadRequest);
        Assert.Contains($"1 to {MaxLookupIds}", problem.RootElement.GetRawText());
    }

    [Fact]
    public async Task A_larger_body_is_413_whether_its_length_is_announced_or_not()
    {
        var body = "{\"friendUserIDs\":[\"" + new string('x', MaxBodyBytes) + "\"]}";
        using var announced = new StringContent(body, Encoding.UTF8, "application/json");
        using var chunked = new StreamContent(new UnannouncedLengthStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new("application/json");

        using var announcedResponse = await _client.PostAsync(RemarkApi.LookupPath("u"), announced);
        using var chunkedResponse = await _client.PostAsync(RemarkApi.LookupPath("u"), chunked);

        using var first = await RemarkApi.AssertProblemAsync(announcedResponse, HttpStatusCode.RequestEntityTooLarge);
        using var second = await RemarkApi.AssertProblemAsync(chunkedResponse, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Api:MaxBodyBytes", first.RootElement.GetRawText());
    }

    [Fact]
    public async Task Pages_are_at_most_the_configured_size()
    {
        var owner = RemarkApi.NewUser();
        for (var friend = 0; friend < MaxPageSize + 2; friend++)
        {
            using var callback = await _client.SendAsync(Requests.SetRemarkCallback(owner, $"f{friend}", "r"));
            Assert.Equal(CallbackResponse.SuccessBody, await callback.Content.ReadAsStringAsync());
        }

        var remarks = new RemarkApi(_client);
        var (byDefault, cursor) = await remarks.ListAsync(owner);
        var (atMax, _) = await remarks.ListAsync(owner, $"?limit={MaxPageSize}");
        using var overMax = await _client.GetAsync(RemarkApi.RemarksPath(owner) + $"?limit={MaxPageSize + 1}");

        Assert.Equal(MaxPageSize, byDefault.Count);
        Assert.NotNull(cursor);
        Assert.Equal(MaxPageSize, atMax.Count);
        using var problem = await RemarkApi.AssertProblemAsync(overMax, HttpStatusCode.BadRequest);
        Assert.Contains($"1 to {MaxPageSize}", problem.RootElement.GetRawText());
    }

    [Fact]
    public async Task The_api_document_shows_the_configured_limits()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");
        var list = paths.GetProperty("/api/v1/users/{ownerUserId}/remarks").GetProperty("get");
        var limit = list.GetProperty("parameters").EnumerateArray().Single(parameter => parameter.GetProperty("name").GetString() == "limit");
        var lookup = paths.GetProperty("/api/v1/users/{ownerUserId}/remarks:lookup").GetProperty("post");
        var callback = paths.EnumerateObject().Single(path => path.Name.StartsWith("/callbackExample/", StringComparison.Ordinal)).Value.GetProperty("post");

        Assert.Contains($"from 1 to {MaxPageSize} (`Api:MaxPageSize`; default {MaxPageSize})", limit.GetProperty("description").GetString());
        Assert.StartsWith($"1 to {MaxLookupIds} friend user IDs (`Api:MaxLookupIds`)", lookup.GetProperty("requestBody").GetProperty("description").GetString());
        Assert.Contains($"larger than {MaxBodyBytes} bytes", lookup.GetProperty("responses").GetProperty("413").GetProperty("description").GetString());
        Assert.Contains($"at most {MaxRemarkBytes} UTF-8 bytes (`Callback:MaxRemarkBytes`)", callback.GetProperty("requestBody").GetProperty("description").GetString());
    }
}
