using OrleansRemarks.Tests.Security;
using Xunit.Abstractions;
using static OrleansRemarks.Tests.Security.SecurityClusterFixture;

namespace OrleansRemarks.Tests.Browser;

/// <summary>The API reference page renders in a real browser, offline, and lists the query API's endpoints.</summary>
[Collection(SecurityCollection.Name)]
public sealed class ApiReferenceBrowserTests(SecurityClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Endpoints =
    [
        "/api/v1/users/{ownerUserId}/remarks/{friendUserId}",
        "/api/v1/users/{ownerUserId}/remarks",
        "/api/v1/users/{ownerUserId}/remarks:lookup",
    ];

    [Fact]
    public async Task The_reference_page_lists_the_query_endpoints()
    {
        var webFront = await cluster.WebFrontAsync("keys", WithKeys());
        await using var chromium = await ChromiumProcess.StartAsync();
        var page = await chromium.OpenPageAsync();

        await page.NavigateAsync(new Uri(webFront.BaseAddress, "/scalar/"));
        var text = await page.WaitForTextAsync(
            shown => Endpoints.All(endpoint => shown.Contains(endpoint, StringComparison.Ordinal)), PageTimeout, clickButtonsWith: "Open Group - Remarks");
        var screenshot = Screenshots.PathFor("api-reference.png");
        await page.SaveScreenshotAsync(screenshot);
        output.WriteLine($"Screenshot: {screenshot}");

        Assert.Contains("OrleansRemarks", text);
    }
}
