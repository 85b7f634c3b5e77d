using System.Net;
using System.Text.Json;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.UnitTests.Http;
using OrleansRemarks.WebFront.Input;
using OrleansRemarks.WebFront.Operations.Warmup;

namespace OrleansRemarks.UnitTests.Operations;

public sealed class WarmupTargetTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:10006", "http://127.0.0.1:10006/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://10.1.2.3:80", "http://10.1.2.3/")]
    public void A_plain_HTTP_listener_is_reached_on_loopback(string listening, string expected) =>
        Assert.Equal(new Uri(expected), WarmupTarget.From([listening]));

    [Fact]
    public void HTTPS_and_Unix_sockets_are_skipped_for_the_first_plain_HTTP_address()
    {
        Assert.Null(WarmupTarget.From(["https://0.0.0.0:443", "http://unix:/run/orleansremarks.sock"]));
        Assert.Null(WarmupTarget.From([]));
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), WarmupTarget.From(["https://0.0.0.0:443", "http://0.0.0.0:8080"]));
    }
}

public sealed class WarmupOptionsTests
{
    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(500, 30, true)]
    [InlineData(WarmupOptions.MostReads, WarmupOptions.LongestMaxSeconds, true)]
    [InlineData(-1, 30, false)]
    [InlineData(WarmupOptions.MostReads + 1, 30, false)]
    [InlineData(500, 0, false)]
    [InlineData(500, WarmupOptions.LongestMaxSeconds + 1, false)]
    public void Reads_and_the_time_bound_are_checked(int reads, int maxSeconds, bool valid)
    {
        var result = new WarmupOptionsValidator().Validate(null, new WarmupOptions { Reads = reads, MaxSeconds = maxSeconds });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Warmup:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Warm_up_owners_are_valid_user_IDs_that_no_ordinary_ID_is_taken_for()
    {
        var owner = WarmupOwners.Id("run", 7);

        Assert.True(WarmupOwners.Is(owner));
        Assert.Null(InputRules.UserIdProblem(owner));
        Assert.False(WarmupOwners.Is("warmup/run/7"));
        Assert.False(WarmupOwners.Is("10086"));
    }
}

/// <summary>/health/ready follows the warm-up (here through grain calls: the test server has no listener).</summary>
public sealed class WarmupReadinessTests
{
    [Fact]
    public async Task Ready_reports_what_the_warm_up_did()
    {
        await using var web = new WarmingWebFront();
        using var client = web.CreateClient();

        var warmup = await EventuallyReadyAsync(client);

        Assert.Equal("Healthy", warmup.GetProperty("status").GetString());
        Assert.Contains("12 first reads (0 failed)", warmup.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warm_up_that_meets_an_unavailable_cluster_stops_reading_and_still_ends()
    {
        await using var web = new WarmingWebFront(reads: 1000);
        web.Cluster.Unavailable = () => new SiloUnavailableException();
        using var client = web.CreateClient();

        var warmup = await UntilAsync(client, check => check.Status.GetProperty("status").GetString() == "Healthy");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, warmup.Code);
        Assert.Contains(
            $"{StartupWarmup.MaxFailuresInARow} first reads ({StartupWarmup.MaxFailuresInARow} failed)",
            warmup.Status.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> EventuallyReadyAsync(HttpClient client) =>
        (await UntilAsync(client, check => check.Code == HttpStatusCode.OK)).Status;

    /// <summary>Polls the warm-up check until <paramref name="done"/> holds; fails after 30 s with the last answer.</summary>
    private static async Task<(HttpStatusCode Code, JsonElement Status)> UntilAsync(
        HttpClient client, Func<(HttpStatusCode Code, JsonElement Status), bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var check = await WarmupCheckAsync(client);
            if (done(check))
            {
                return check;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The warm-up check still answers {(int)check.Code}: {check.Status}");
            await Task.Delay(100);
        }
    }

    private static async Task<(HttpStatusCode Code, JsonElement Status)> WarmupCheckAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("checks").GetProperty("warmup").Clone());
    }

    private sealed class WarmingWebFront(int reads = 12) : WebFrontFactory(("Warmup:Reads", reads.ToString()), ("Warmup:MaxSeconds", "20"));
}
