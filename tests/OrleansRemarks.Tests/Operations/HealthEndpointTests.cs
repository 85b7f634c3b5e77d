using System.Net;

namespace OrleansRemarks.Tests.Operations;

/// <summary>Both processes answer /health/live (no checks) and /health/ready (their readiness checks) as uncached JSON.</summary>
[Collection(ObservedServiceCollection.Name)]
public sealed class HealthEndpointTests(ObservedServiceFixture service)
{
    [Fact]
    public async Task WebFront_is_live_without_running_any_check()
    {
        var live = await HealthAnswer.GetAsync(service.Client, "/health/live");

        AssertHealthyJson(live);
        Assert.Equal(0, live.CheckCount);
    }

    [Fact]
    public async Task WebFront_is_ready_when_the_cluster_answers()
    {
        var ready = await HealthAnswer.GetAsync(service.Client, "/health/ready");

        AssertHealthyJson(ready);
        Assert.Equal("Healthy", ready.CheckStatus("cluster"));
    }

    [Fact]
    public async Task Silo_is_live_without_running_any_check()
    {
        var live = await HealthAnswer.GetAsync(service.SiloClient, "/health/live");

        AssertHealthyJson(live);
        Assert.Equal(0, live.CheckCount);
    }

    [Fact]
    public async Task Silo_is_ready_when_active_in_membership_and_postgresql_answers()
    {
        var ready = await HealthAnswer.GetAsync(service.SiloClient, "/health/ready");

        AssertHealthyJson(ready);
        Assert.Equal("Healthy", ready.CheckStatus("membership"));
        Assert.Equal("Healthy", ready.CheckStatus("postgresql"));
    }

    [Fact]
    public async Task Silo_listener_serves_only_operations_endpoints()
    {
        using var response = await service.SiloClient.GetAsync("/api/v1/users/u1/remarks/u2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void AssertHealthyJson(HealthAnswer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, $"{(int)answer.Status}: {answer.Body}");
        Assert.Equal("application/json", answer.ContentType);
        Assert.Contains("no-store", answer.CacheControl);
        Assert.Equal("Healthy", answer.OverallStatus);
    }
}
