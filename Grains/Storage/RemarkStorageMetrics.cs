using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Successful grain-state writes to PostgreSQL (<c>orleansremarks_storage_writes_total{state}</c>) and
/// their payload bytes (<c>orleansremarks_storage_written_bytes_total{state}</c>); <c>state</c> is
/// <c>bucket</c>, <c>layout</c> or <c>sync</c>. Meter "OrleansRemarks".
/// </summary>
public sealed class RemarkStorageMetrics
{
    public const string MeterName = "OrleansRemarks";

    private readonly Counter<long> _writes;
    private readonly Counter<long> _writtenBytes;

    public RemarkStorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _writes = meter.CreateCounter<long>("orleansremarks.storage.writes", description: "Grain state writes that PostgreSQL confirmed.");
        _writtenBytes = meter.CreateCounter<long>("orleansremarks.storage.written", unit: "By", description: "Payload bytes of the confirmed grain state writes.");
    }

    public void RecordWrite(string stateName, long payloadBytes)
    {
        var kind = stateName.StartsWith(StateNames.Layout, StringComparison.Ordinal) ? "layout"
            : stateName.StartsWith(StateNames.Sync, StringComparison.Ordinal) ? "sync"
            : "bucket";
        var tags = new TagList { { "state", kind } };
        _writes.Add(1, tags);
        _writtenBytes.Add(payloadBytes, tags);
    }
}
