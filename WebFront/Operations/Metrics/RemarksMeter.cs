using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.WebFront.Operations.Metrics;

/// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of this service's own instruments (the silo's grains use the same one).</summary>
public static class RemarksMeter
{
    public const string Name = RemarkStorageMetrics.MeterName;
}
