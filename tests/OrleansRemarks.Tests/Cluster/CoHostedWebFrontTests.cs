using System.Net;
using OrleansRemarks.Tests.Http;
using OrleansRemarks.Tests.Infrastructure;
using OrleansRemarks.Tests.Operations;
using OrleansRemarks.Tests.Security;

namespace OrleansRemarks.Tests.Cluster;

/// <summary>
/// A WebFront with Orleans:CoHostSilo=true is a silo itself (the benchmark's topology): callbacks and
/// lookups work with no separate silo process, and it carries the dashboard only when it serves it.
/// </summary>
public sealed class CoHostedWebFrontTests
{
    private const string Key = "co-hosted-key-0123456789abcdef";

    [Fact]
    public async Task With_keys_it_stores_callbacks_answers_lookups_and_serves_the_dashboard()
    {
        var siloPort = FreeTcpPort.Next();
        await using var webFront = await StartAsync(siloPort, ("Api__Keys__0", Key));
        using var client = webFront.CreateClient();

        (await new OpenImCallbackSender(client).SetRemarkAsync("co-owner", "co-friend", "Cohosted ✓", "op-co-1")).AssertSuccess();
        using var remark = await client.SendAsync(Requests.Get(RemarkApi.RemarkPath("co-owner", "co-friend"), bearer: Key));
        var counters = await DashboardCountersListingAsync(client, siloPort.ToString());

        Assert.Equal(HttpStatusCode.OK, remark.StatusCode);
        Assert.Contains("Cohosted ✓", await remark.Content.ReadAsStringAsync());
        Assert.Contains(siloPort.ToString(), counters); // this process is the silo the dashboard lists
    }

    [Fact]
    public async Task Without_keys_it_serves_no_dashboard_and_still_stores_callbacks()
    {
        await using var webFront = await StartAsync(FreeTcpPort.Next());
        using var client = webFront.CreateClient();

        (await new OpenImCallbackSender(client).SetRemarkAsync("co-owner", "co-friend", "plain", "op-co-2")).AssertSuccess();
        var stored = await new RemarkApi(client).GetAsync("co-owner", "co-friend");
        using var dashboard = await client.SendAsync(Requests.Get("/dashboard/DashboardCounters"));

        Assert.Equal("plain", stored?.Remark);
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
    }

    [Fact]
    public async Task The_remark_policy_asks_the_owner_grain_in_its_own_silo()
    {
        await using var webFront = await StartAsync(FreeTcpPort.Next(), ("Policy__MaxChangesPerOwnerPerMinute", "1"), ("Policy__TimeoutMilliseconds", "2000"));
        using var client = webFront.CreateClient();
        var callbacks = new OpenImCallbackSender(client);
        const string Before = "callbackBeforeSetFriendRemarkCommand";

        (await callbacks.SendAsync(Before, GoJson.FriendRemarkCallback(Before, "co-rate", "f1", "one"), "op-co-3")).AssertSuccess();
        var second = OpenImReply.Decode((await callbacks.SendAsync(Before, GoJson.FriendRemarkCallback(Before, "co-rate", "f2", "two"), "op-co-4")).Body);

        Assert.True(second.Refuses);
        Assert.Equal(22003, second.ErrCode);
    }

    /// <summary>The dashboard's counters once they list <paramref name="text"/> (it collects them in the background).</summary>
    private static Task<string> DashboardCountersListingAsync(HttpClient client, string text) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await client.SendAsync(Requests.Get("/dashboard/DashboardCounters", bearer: Key));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync();
            },
            json => json.Contains(text, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            $"the dashboard counters listing {text}");

    private static async Task<WebFrontProcess> StartAsync(int siloPort, params (string Key, string Value)[] more)
    {
        var settings = (await DeploymentIdentity.CreateAsync(await SharedPostgres.GetAsync(), "cohosted")).Settings();
        settings["Orleans__CoHostSilo"] = "true";
        settings["Orleans__Endpoints__SiloPort"] = siloPort.ToString();
        settings["Orleans__Endpoints__GatewayPort"] = FreeTcpPort.Next().ToString();
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return await WebFrontProcess.StartAsync(settings);
    }
}
