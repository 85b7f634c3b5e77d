namespace OrleansRemarks.Tests.Operations;

/// <summary>Orleans' meter is exported, without the per-message counters the metrics setup drops.</summary>
[Collection(ObservedServiceCollection.Name)]
public sealed class OrleansMeterTests(ObservedServiceFixture service)
{
    [Fact]
    public async Task Grain_call_latency_is_exported_and_per_message_counters_are_not()
    {
        var owner = "meter-" + Guid.NewGuid().ToString("N")[..8];
        (await service.Callbacks.SetRemarkAsync(owner, "f1", "first", "op-meter")).AssertSuccess();

        var silo = await MetricsScrape.TakeAsync(service.SiloClient);

        Assert.True(silo.Sum("orleans_app_requests_latency_milliseconds_count") > 0, "grain call latency must be exported");
        Assert.True(silo.Has("orleans_catalog_activations"), "activation counts must be exported");
        Assert.DoesNotContain(silo.Samples, sample =>
            sample.Name.StartsWith("orleans_directory_lookups_", StringComparison.Ordinal)
            || sample.Name.StartsWith("orleans_messaging_processing_", StringComparison.Ordinal)
            || sample.Name.StartsWith("orleans_messaging_sent_local", StringComparison.Ordinal)
            || sample.Name.StartsWith("orleans_messaging_sent_messages_size", StringComparison.Ordinal)
            || sample.Name.StartsWith("orleans_messaging_received_messages_size", StringComparison.Ordinal)
            || sample.Name.StartsWith("orleans_gateway_sent", StringComparison.Ordinal)
            || sample.Name.StartsWith("orleans_gateway_received", StringComparison.Ordinal));
    }
}
