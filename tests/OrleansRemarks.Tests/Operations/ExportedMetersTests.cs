namespace OrleansRemarks.Tests.Operations;

/// <summary>Besides this service's own meter, /metrics carries Orleans', ASP.NET Core's and the runtime's instruments.</summary>
[Collection(ObservedServiceCollection.Name)]
public sealed class ExportedMetersTests(ObservedServiceFixture service)
{
    [Fact]
    public async Task WebFront_exports_orleans_client_aspnetcore_and_runtime_meters()
    {
        using (await service.Client.GetAsync("/health/live"))
        {
        }

        var web = await MetricsScrape.TakeAsync(service.Client);

        Assert.True(web.Sum("orleans_client_connected_gateways") >= 1, "Orleans client meter");
        Assert.True(web.Has("http_server_request_duration_seconds_count", ("http_route", "/health/live")), "ASP.NET Core meter");
        Assert.True(web.Has("dotnet_gc_collections_total"), "runtime meter");
        Assert.True(web.Has("target_info", ("service_name", "OrleansRemarks.WebFront")));
    }

    [Fact]
    public async Task Silo_exports_orleans_aspnetcore_and_runtime_meters()
    {
        using (await service.SiloClient.GetAsync("/health/live"))
        {
        }

        var silo = await MetricsScrape.TakeAsync(service.SiloClient);

        Assert.True(silo.Has("orleans_catalog_activations"), "Orleans silo meter");
        Assert.True(silo.Has("http_server_request_duration_seconds_count", ("http_route", "/health/live")), "ASP.NET Core meter");
        Assert.True(silo.Has("dotnet_gc_collections_total"), "runtime meter");
        Assert.True(silo.Has("target_info", ("service_name", "OrleansRemarks.Silo")));
    }
}
