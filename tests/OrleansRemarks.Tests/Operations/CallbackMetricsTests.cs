using System.Net;
using System.Text;
using OrleansRemarks.Tests.Http;

namespace OrleansRemarks.Tests.Operations;

/// <summary>
/// After a known sequence of callbacks, the web front's callback counters and latency histogram and
/// the silo's storage-write counters have moved by exactly the expected amounts.
/// </summary>
[Collection(ObservedServiceCollection.Name)]
public sealed class CallbackMetricsTests(ObservedServiceFixture service)
{
    private const string Callbacks = "orleansremarks_callbacks_total";
    private const string Durations = "orleansremarks_callback_duration_seconds_count";
    private const string SetRemark = "callbackAfterSetFriendRemarkCommand";
    private const string DeleteFriend = "callbackAfterDeleteFriendCommand";
    private const string BeforeSetRemark = "callbackBeforeSetFriendRemarkCommand";

    private readonly OpenImCallbackSender _callbacks = service.Callbacks;

    [Fact]
    public async Task Callback_counters_move_by_exactly_one_per_callback_and_outcome()
    {
        var owner = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var webBefore = await MetricsScrape.TakeAsync(service.Client);
        var siloBefore = await MetricsScrape.TakeAsync(service.SiloClient);

        (await _callbacks.SetRemarkAsync(owner, "f1", "first", "op-1")).AssertSuccess();                 // applied
        (await _callbacks.SetRemarkAsync(owner, "f1", "first", "op-1")).AssertSuccess();                 // duplicate
        (await _callbacks.SetRemarkAsync(owner, "f1", "first", "op-2")).AssertSuccess();                 // unchanged
        (await _callbacks.SetRemarkAsync(owner, "f2", "", "op-3")).AssertSuccess();                      // unchanged: clears what is absent
        (await _callbacks.DeleteFriendAsync(owner, "f1", "op-4")).AssertSuccess();                       // applied
        (await _callbacks.DeleteFriendAsync(owner, "f1", "op-5")).AssertSuccess();                       // unchanged
        (await _callbacks.SendAsync(SetRemark, Encoding.UTF8.GetBytes("{}"), "op-6"))
            .AssertFailure(HttpStatusCode.BadRequest, 20006);                                           // rejected
        (await _callbacks.SendAsync(DeleteFriend, GoJson.Object(("callbackCommand", DeleteFriend), ("ownerUserID", owner)), "op-7"))
            .AssertFailure(HttpStatusCode.BadRequest, 20004);                                           // rejected
        (await _callbacks.SendAsync(BeforeSetRemark, GoJson.FriendRemarkCallback(BeforeSetRemark, owner, "f1", "x"), "op-8"))
            .AssertSuccess();                                                                            // ignored
        (await _callbacks.SendAsync("callbackAfterAddFriendCommand", Encoding.UTF8.GetBytes("{}"), "op-9")).AssertSuccess(); // ignored, "other"

        var web = await MetricsScrape.TakeAsync(service.Client);
        var expected = new (string Command, string Outcome, int Count)[]
        {
            (SetRemark, "applied", 1), (SetRemark, "duplicate", 1), (SetRemark, "unchanged", 2), (SetRemark, "rejected", 1),
            (SetRemark, "failed", 0), (SetRemark, "ignored", 0),
            (DeleteFriend, "applied", 1), (DeleteFriend, "unchanged", 1), (DeleteFriend, "rejected", 1), (DeleteFriend, "duplicate", 0),
            (BeforeSetRemark, "ignored", 1), ("other", "ignored", 1),
        };
        foreach (var (command, outcome, count) in expected)
        {
            (string, string)[] labels = [("command", command), ("outcome", outcome)];
            Assert.True(count == web.Sum(Callbacks, labels) - webBefore.Sum(Callbacks, labels), $"{Callbacks}{{{command},{outcome}}}");
            Assert.True(count == web.Sum(Durations, labels) - webBefore.Sum(Durations, labels), $"{Durations}{{{command},{outcome}}}");
        }

        Assert.Equal(10, web.Sum(Callbacks) - webBefore.Sum(Callbacks));
        Assert.False(web.Has(Callbacks, ("command", "callbackAfterAddFriendCommand")), "unknown commands must not become label values");

        // The two applied changes and the three unchanged ones (they carry an operationID, so they are
        // remembered) wrote to PostgreSQL: one bucket each, no layout. The duplicate wrote nothing.
        var silo = await MetricsScrape.TakeAsync(service.SiloClient);
        Assert.Equal(5, Delta(siloBefore, silo, "orleansremarks_storage_writes_total", ("state", "bucket")));
        Assert.Equal(0, Delta(siloBefore, silo, "orleansremarks_storage_writes_total", ("state", "layout")));
        var bytes = Delta(siloBefore, silo, "orleansremarks_storage_written_bytes_total", ("state", "bucket"));
        Assert.InRange(bytes, 2 * "first".Length, 4096);
    }

    [Fact]
    public async Task Latency_histogram_has_second_buckets_up_to_the_callback_timeout()
    {
        (await _callbacks.SetRemarkAsync("histogram-" + Guid.NewGuid().ToString("N")[..8], "f", "r", "op-1")).AssertSuccess();

        var web = await MetricsScrape.TakeAsync(service.Client);
        var bounds = web.Samples
            .Where(sample => sample.Name == "orleansremarks_callback_duration_seconds_bucket" && sample.HasLabels([("command", SetRemark), ("outcome", "applied")]))
            .Select(sample => sample.Labels["le"])
            .ToList();

        Assert.Contains("0.001", bounds);
        Assert.Contains("10", bounds);
        Assert.Contains("+Inf", bounds);
    }

    private static double Delta(MetricsScrape before, MetricsScrape after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
