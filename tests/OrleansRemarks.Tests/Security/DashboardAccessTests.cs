using System.Net;
using System.Text.Json;
using OrleansRemarks.Tests.Http;
using static OrleansRemarks.Tests.Security.SecurityClusterFixture;

namespace OrleansRemarks.Tests.Security;

/// <summary>
/// The Orleans dashboard at /dashboard: for operators with an API key only (HTTP Basic with the key as
/// password, so browsers prompt, or Bearer), its pages and its own JSON API alike; off without keys.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class DashboardAccessTests(SecurityClusterFixture cluster)
{
    /// <summary>The page, its script, and the dashboard's API calls, including grain state and the log stream.</summary>
    public static TheoryData<string> DashboardPaths() => new()
    {
        "/dashboard",
        "/dashboard/",
        "/dashboard/index.html",
        "/dashboard/index.min.js",
        "/dashboard/version",
        "/dashboard/DashboardCounters",
        "/dashboard/ClusterStats",
        "/dashboard/GrainTypes",
        "/dashboard/GrainState?grainId=u%2Fx&grainType=UserFriendsGrain",
        "/dashboard/Reminders",
        "/dashboard/TopGrainMethods",
        "/dashboard/Trace",
    };

    [Theory]
    [MemberData(nameof(DashboardPaths))]
    public async Task Without_credentials_every_dashboard_path_is_401_with_a_basic_challenge(string path)
    {
        using var client = await ClientAsync();

        using var response = await client.SendAsync(Requests.Get(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("operator", "wrong-key-0123456789abcdef")]
    [InlineData(KeyA, "")]
    [InlineData("", "")]
    public async Task Wrong_basic_credentials_are_401(string user, string password)
    {
        using var client = await ClientAsync();

        using var response = await client.SendAsync(Requests.GetWithBasic("/dashboard/ClusterStats", user, password));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_the_key_as_basic_password_the_page_and_its_api_are_served()
    {
        using var client = await ClientAsync();

        using var page = await client.SendAsync(Requests.GetWithBasic("/dashboard/", "any-operator-name", KeyB));
        using var counters = await client.SendAsync(Requests.GetWithBasic("/dashboard/DashboardCounters", "ops", KeyA));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        using var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
        Assert.Contains(cluster.Silo.SiloPort.ToString(), json.RootElement.GetRawText()); // the silo is listed
    }

    [Fact]
    public async Task A_bearer_key_works_for_scripts()
    {
        using var client = await ClientAsync();

        using var response = await client.SendAsync(Requests.Get("/dashboard/ClusterStats", bearer: KeyA));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_keys_there_is_no_dashboard()
    {
        using var client = (await cluster.WebFrontAsync("anonymous", new Dictionary<string, string>())).CreateClient();

        using var response = await client.SendAsync(Requests.Get("/dashboard/ClusterStats"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_dashboard_keys_only_they_open_the_dashboard_and_only_api_keys_open_the_query_api()
    {
        using var client = (await cluster.WebFrontAsync("dashboard-keys", WithKeys(("Dashboard__Keys__0", DashboardKey)))).CreateClient();
        var remark = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");

        using var dashboardWithDashboardKey = await client.SendAsync(Requests.GetWithBasic("/dashboard/ClusterStats", "ops", DashboardKey));
        using var dashboardWithApiKey = await client.SendAsync(Requests.GetWithBasic("/dashboard/ClusterStats", "ops", KeyA));
        using var dashboardWithApiBearer = await client.SendAsync(Requests.Get("/dashboard/GrainState?grainId=u%2Fx&grainType=UserFriendsGrain", bearer: KeyB));
        using var queryWithDashboardKey = await client.SendAsync(Requests.Get(remark, bearer: DashboardKey));
        using var queryWithApiKey = await client.SendAsync(Requests.Get(remark, bearer: KeyA));

        Assert.Equal(HttpStatusCode.OK, dashboardWithDashboardKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, dashboardWithApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, dashboardWithApiBearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, queryWithDashboardKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, queryWithApiKey.StatusCode);
    }

    [Fact]
    public async Task Dashboard_keys_without_api_keys_serve_the_dashboard()
    {
        using var client = (await cluster.WebFrontAsync(
            "dashboard-keys-only", new Dictionary<string, string> { ["Dashboard__Keys__0"] = DashboardKey })).CreateClient();

        using var anonymous = await client.SendAsync(Requests.Get("/dashboard/ClusterStats"));
        using var operatorCall = await client.SendAsync(Requests.Get("/dashboard/ClusterStats", bearer: DashboardKey));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, operatorCall.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_not_part_of_the_api_document()
    {
        using var client = await ClientAsync();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/users/", document);
        Assert.DoesNotContain("/dashboard", document);
    }

    private const string DashboardKey = "dash-D-0123456789abcdef01234567";

    private async Task<HttpClient> ClientAsync() => (await cluster.WebFrontAsync("keys", WithKeys())).CreateClient();
}
