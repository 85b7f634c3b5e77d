namespace OrleansRemarks.WebFront.Operations.Metrics;

/// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of this service's own instruments (the silo's grains use the same name).</summary>
public static class RemarksMeter
{
    public const string Name = "OrleansRemarks";

    /// <summary>Orleans' own meter (messaging, gateways, grain calls).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The .NET runtime's meter (GC, thread pool, CPU, memory).</summary>
    public const string RuntimeMeterName = "System.Runtime";
}
