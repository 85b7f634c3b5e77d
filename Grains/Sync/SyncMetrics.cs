using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Sync;

/// <summary>
/// Reconciliation's metrics, meter "OrleansRemarks": <c>orleansremarks_syncs_total{trigger,outcome}</c>,
/// <c>orleansremarks_sync_changes_total{kind}</c> (added/updated/removed: the drift callbacks missed),
/// <c>orleansremarks_openim_requests_total{endpoint,outcome}</c> and
/// <c>orleansremarks_sync_duration_seconds</c>.
/// </summary>
public sealed class SyncMetrics
{
    private readonly Counter<long> _syncs;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public SyncMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RemarkStorageMetrics.MeterName);
        _syncs = meter.CreateCounter<long>("orleansremarks.syncs", description: "Owner syncs with OpenIM, by trigger and outcome (changed, unchanged, failed).");
        _changes = meter.CreateCounter<long>("orleansremarks.sync.changes", description: "Remarks a sync added, updated or removed here: what callbacks had missed.");
        _requests = meter.CreateCounter<long>("orleansremarks.openim.requests", description: "Calls to OpenIM's REST API, by endpoint and outcome.");
        _duration = meter.CreateHistogram<double>("orleansremarks.sync.duration", unit: "s", description: "Time of one owner sync, OpenIM calls and storage writes included.");
    }

    public void RecordSync(SyncTrigger trigger, SyncReport? report, TimeSpan elapsed)
    {
        var outcome = report is null ? "failed" : report.Changes > 0 ? "changed" : "unchanged";
        _syncs.Add(1, new TagList { { "trigger", TriggerLabel(trigger) }, { "outcome", outcome } });
        _duration.Record(elapsed.TotalSeconds, new TagList { { "trigger", TriggerLabel(trigger) } });
        if (report is null)
        {
            return;
        }

        AddChanges("added", report.Added);
        AddChanges("updated", report.Updated);
        AddChanges("removed", report.Removed);
    }

    public void RecordOpenImRequest(string path, string outcome) =>
        _requests.Add(1, new TagList { { "endpoint", "/" + path }, { "outcome", outcome } });

    private void AddChanges(string kind, int count)
    {
        if (count > 0)
        {
            _changes.Add(count, new TagList { { "kind", kind } });
        }
    }

    private static string TriggerLabel(SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Callback => "callback",
        SyncTrigger.Stale => "stale",
        SyncTrigger.Sweep => "sweep",
        SyncTrigger.Manual => "manual",
        _ => "retry",
    };
}
