using System.Net;
using System.Net.Http.Json;
using System.Text;
using OrleansRemarks.Tests.Http;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Security;

/// <summary>Api:MaxBodyBytes, Api:MaxLookupIds and Api:MaxPageSize, set low here.</summary>
[Collection(SecurityCollection.Name)]
public sealed class QueryLimitTests(SecurityClusterFixture cluster) : IAsyncLifetime
{
    private const int MaxBodyBytes = 200;
    private const int MaxLookupIds = 3;
    private const int MaxPageSize = 5;

    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var webFront = await cluster.WebFrontAsync("small-limits", new Dictionary<string, string>
        {
            ["Api__MaxBodyBytes"] = MaxBodyBytes.ToString(),
            ["Api__MaxLookupIds"] = MaxLookupIds.ToString(),
            ["Api__MaxPageSize"] = MaxPageSize.ToString(),
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
}
