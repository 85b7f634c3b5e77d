using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.UnitTests.Operations;

/// <summary>The one metrics view: which instruments are dropped, and the room every kept stream gets.</summary>
public sealed class MetricStreamTests : IDisposable
{
    private readonly Meter _meter = new("OrleansRemarks.UnitTests.MetricStreamTests");

    [Theory]
    [InlineData("orleans-directory-lookups-local-issued")]
    [InlineData("orleans-messaging-processing-dispatcher-received")]
    [InlineData("orleans-messaging-sent-local")]
    [InlineData("orleans-messaging-sent-messages-size")]
    [InlineData("orleans-messaging-received-messages-size")]
    [InlineData("orleans-gateway-sent")]
    [InlineData("orleans-gateway-received")]
    [InlineData("aspnetcore.authentication.authenticate.duration")]
    [InlineData("aspnetcore.authorization.attempts")]
    [InlineData("aspnetcore.routing.match_attempts")]
    [InlineData("aspnetcore.rate_limiting.request_lease.duration")]
    [InlineData("aspnetcore.rate_limiting.active_request_leases")]
    [InlineData("aspnetcore.rate_limiting.request.time_in_queue")]
    [InlineData("aspnetcore.rate_limiting.queued_requests")]
    [InlineData("aspnetcore.memory_pool.rented")]
    [InlineData("aspnetcore.memory_pool.pooled")]
    public void Per_message_orleans_and_per_request_aspnetcore_instruments_are_dropped(string name)
    {
        var stream = Extensions.MetricStreamFor(_meter.CreateCounter<long>(name));

        Assert.Same(MetricStreamConfiguration.Drop, stream);
    }

    [Theory]
    [InlineData("orleansremarks.callbacks")]
    [InlineData("aspnetcore.rate_limiting.requests")]
    [InlineData("aspnetcore.memory_pool.allocated")]
    [InlineData("aspnetcore.memory_pool.evicted")]
    [InlineData("kestrel.active_connections")]
    [InlineData("orleans-messaging-sent-header-size")]
    [InlineData("orleans-gateway-connected-clients")]
    [InlineData("orleans-directory-lookups")]
    [InlineData("http.server.request.duration")]
    public void Other_instruments_are_kept_with_a_bounded_number_of_tag_combinations(string name)
    {
        var stream = Extensions.MetricStreamFor(_meter.CreateHistogram<double>(name));

        Assert.NotSame(MetricStreamConfiguration.Drop, stream);
        Assert.Equal(Extensions.MetricPointsPerStream, stream.CardinalityLimit);
    }

    public void Dispose() => _meter.Dispose();
}
