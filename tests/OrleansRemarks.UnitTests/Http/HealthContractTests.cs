using System.Net;
using System.Text.Json;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>
/// <c>/health/live</c> (no checks) and <c>/health/ready</c> (the cluster answers) as uncached JSON
/// <c>{"status":…,"checks":{…}}</c>; ready is 503 while the cluster does not answer.
/// </summary>
public sealed class HealthContractTests(WebFrontFactory web) : IClassFixture<WebFrontFactory>
{
    private readonly HttpClient _client = web.CreateClient();

    private async Task<(HttpStatusCode Status, JsonElement Report)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, json.RootElement.Clone());
    }

    [Fact]
    public async Task Live_runs_no_check()
    {
        var (status, report) = await GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Empty(report.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Ready_is_200_while_the_cluster_answers_and_503_while_it_does_not()
    {
        var (up, upReport) = await GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, up);
        Assert.Equal("Healthy", upReport.GetProperty("status").GetString());
        Assert.Equal("Healthy", upReport.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());

        web.Cluster.Unavailable = () => new SiloUnavailableException();
        try
        {
            var (down, downReport) = await GetAsync("/health/ready");
            var cluster = downReport.GetProperty("checks").GetProperty("cluster");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
            Assert.Equal("Unhealthy", downReport.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", cluster.GetProperty("status").GetString());
            Assert.Contains(nameof(SiloUnavailableException), cluster.GetProperty("description").GetString(), StringComparison.Ordinal);

            var (live, _) = await GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live);
        }
        finally
        {
            web.Cluster.Unavailable = null;
        }
    }
}
