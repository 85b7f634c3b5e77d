using System.Diagnostics;

namespace OrleansRemarks.Bench.LoadGenerator.Measure;

public static class Attempt
{
    public static async Task<bool> RunAsync(Operation operation, int worker)
    {
        try
        {
            return await operation(worker);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            return false;
        }
    }

    public static long Microseconds(long stopwatchTicks) => stopwatchTicks * 1_000_000 / Stopwatch.Frequency;
}
