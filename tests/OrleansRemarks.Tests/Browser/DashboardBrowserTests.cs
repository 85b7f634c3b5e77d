using OrleansRemarks.Tests.Security;
using Xunit.Abstractions;
using static OrleansRemarks.Tests.Security.SecurityClusterFixture;

namespace OrleansRemarks.Tests.Browser;

/// <summary>
/// A real browser (headless Chromium) opens the dashboard: the web front asks for HTTP Basic login,
/// the operator gives an API key as password, and the dashboard page, whose scripts then call the
/// dashboard's own API with the same login, lists the silo.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class DashboardBrowserTests(SecurityClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_operator_logs_in_with_an_api_key_and_sees_the_silo_list()
    {
        var webFront = await cluster.WebFrontAsync("keys", WithKeys());
        await using var chromium = await ChromiumProcess.StartAsync();
        var page = await chromium.OpenPageAsync();
        await page.AnswerLoginPromptsAsync(("operator", KeyA));

        await page.NavigateAsync(new Uri(webFront.BaseAddress, "/dashboard/#/silos"));
        var siloAddress = $"127.0.0.1:{cluster.Silo.SiloPort}";
        var text = await page.WaitForTextAsync(shown => shown.Contains(siloAddress, StringComparison.Ordinal), PageTimeout);
        var screenshot = Screenshots.PathFor("dashboard-silos.png");
        await page.SaveScreenshotAsync(screenshot);
        output.WriteLine($"Screenshot: {screenshot}");

        Assert.Contains("Silos", text);
        Assert.Contains("Active", text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(page.Challenges);
        Assert.All(page.Challenges, challenge =>
        {
            Assert.Equal("basic", challenge.Scheme, ignoreCase: true);
            Assert.Equal("OrleansRemarks dashboard", challenge.Realm);
        });
    }

    [Fact]
    public async Task Cancelling_the_login_shows_no_dashboard()
    {
        var webFront = await cluster.WebFrontAsync("keys", WithKeys());
        await using var chromium = await ChromiumProcess.StartAsync();
        var page = await chromium.OpenPageAsync();
        await page.AnswerLoginPromptsAsync(null);

        await page.NavigateAsync(new Uri(webFront.BaseAddress, "/dashboard/#/silos"));
        var text = await page.WaitForTextAsync(shown => shown.Contains("Unauthorized", StringComparison.Ordinal), PageTimeout);

        Assert.DoesNotContain($"127.0.0.1:{cluster.Silo.SiloPort}", text);
        Assert.Single(page.Challenges);
    }
}
