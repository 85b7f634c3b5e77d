using System.Diagnostics;

namespace OrleansRemarks.Tests.Operations;

/// <summary>Polls until a condition holds (state that changes by itself: membership, reconnects, outages).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (holds(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}; last seen: {value}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
