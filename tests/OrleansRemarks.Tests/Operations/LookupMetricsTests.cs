using System.Net.Http.Json;
using OrleansRemarks.Tests.Http;

namespace OrleansRemarks.Tests.Operations;

/// <summary>Every query API request moves <c>orleansremarks_lookups_total{endpoint, outcome}</c> by exactly one.</summary>
[Collection(ObservedServiceCollection.Name)]
public sealed class LookupMetricsTests(ObservedServiceFixture service)
{
    private const string Lookups = "orleansremarks_lookups_total";

    [Fact]
    public async Task Lookups_are_counted_by_endpoint_and_outcome()
    {
        var owner = "lookups-" + Guid.NewGuid().ToString("N")[..8];
        (await service.Callbacks.SetRemarkAsync(owner, "f1", "known", "op-1")).AssertSuccess();
        var before = await MetricsScrape.TakeAsync(service.Client);

        await SendAsync(HttpMethod.Get, RemarkApi.RemarkPath(owner, "f1"));
        await SendAsync(HttpMethod.Get, RemarkApi.RemarkPath(owner, "f1"));
        await SendAsync(HttpMethod.Get, RemarkApi.RemarkPath(owner, "nobody"));
        await SendAsync(HttpMethod.Get, RemarkApi.RemarksPath(owner) + "?limit=10");
        await SendAsync(HttpMethod.Get, RemarkApi.RemarksPath(owner) + "?limit=0");
        await SendAsync(HttpMethod.Post, RemarkApi.LookupPath(owner), JsonContent.Create(new { friendUserIDs = new[] { "f1", "f2" } }));
        await SendAsync(HttpMethod.Post, RemarkApi.LookupPath(owner), JsonContent.Create(new { friendUserIDs = Array.Empty<string>() }));

        var after = await MetricsScrape.TakeAsync(service.Client);
        var expected = new (string Endpoint, string Outcome, int Count)[]
        {
            ("GetRemark", "ok", 2), ("GetRemark", "not_found", 1), ("GetRemark", "invalid", 0),
            ("ListRemarks", "ok", 1), ("ListRemarks", "invalid", 1),
            ("LookupRemarks", "ok", 1), ("LookupRemarks", "invalid", 1), ("LookupRemarks", "unavailable", 0),
        };
        foreach (var (endpoint, outcome, count) in expected)
        {
            (string, string)[] labels = [("endpoint", endpoint), ("outcome", outcome)];
            Assert.True(count == after.Sum(Lookups, labels) - before.Sum(Lookups, labels), $"{Lookups}{{{endpoint},{outcome}}}");
        }

        Assert.Equal(7, after.Sum(Lookups) - before.Sum(Lookups));
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await service.Client.SendAsync(request);
    }
}
