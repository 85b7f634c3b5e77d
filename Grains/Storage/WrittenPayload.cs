using System.Runtime.CompilerServices;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Measures the bytes <see cref="RemarkStateSerializer"/> produces for the writes of the current
/// async flow: the storage provider serializes inside <c>WriteStateAsync</c>, so a measurement
/// started just before that call sees exactly the payload sent to PostgreSQL.
/// </summary>
public static class WrittenPayload
{
    private static readonly AsyncLocal<StrongBox<long>?> Current = new();

    /// <summary>Starts measuring in this async flow (and the calls it makes); read the box after the write.</summary>
    public static StrongBox<long> StartMeasuring()
    {
        var bytes = new StrongBox<long>();
        Current.Value = bytes;
        return bytes;
    }

    public static void Add(int bytes)
    {
        if (Current.Value is { } measurement)
        {
            measurement.Value += bytes;
        }
    }
}
