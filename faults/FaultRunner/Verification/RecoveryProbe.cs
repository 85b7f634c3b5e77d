using System.Collections.Concurrent;
using OrleansRemarks.FaultRunner.Load;

namespace OrleansRemarks.FaultRunner.Verification;

/// <summary>
/// Measures "the cluster serves all owners again": from the fault on, sweeps every owner of the
/// scenario with a read through the query API, over and over, until one whole sweep is answered
/// (200 or 404) within <see cref="ReadTimeLimit"/> per owner. The recovery time is the end of that sweep.
/// </summary>
public sealed class RecoveryProbe(CallbackClient client, int concurrency)
{
    public static readonly TimeSpan ReadTimeLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PauseBetweenSweeps = TimeSpan.FromMilliseconds(200);

    /// <returns>Time from <paramref name="from"/> to the end of the first complete sweep; null if none completed before <paramref name="stop"/>.</returns>
    public async Task<TimeSpan?> MeasureAsync(IReadOnlyList<RemarkPair> pairs, DateTimeOffset from, CancellationToken stop)
    {
        var owners = pairs.GroupBy(pair => pair.OwnerUserId).Select(group => group.First()).ToList();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (await SweepAsync(owners, stop))
                {
                    return DateTimeOffset.UtcNow - from;
                }

                await Task.Delay(PauseBetweenSweeps, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return null;
    }

    private async Task<bool> SweepAsync(IReadOnlyList<RemarkPair> owners, CancellationToken stop)
    {
        var failed = new ConcurrentBag<string>();
        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(
            owners,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop },
            async (pair, token) =>
            {
                try
                {
                    await client.ReadRemarkAsync(pair, token, ReadTimeLimit);
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException
                    || (exception is OperationCanceledException && !token.IsCancellationRequested))
                {
                    failed.Add(exception is HttpRequestException { StatusCode: { } status } ? $"HTTP {(int)status}" : "timeout");
                }
            });
        if (!failed.IsEmpty)
        {
            Console.Error.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss}] recovery probe: sweep of {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s: {failed.Count} of {owners.Count} owners not served ({string.Join(", ", failed.GroupBy(kind => kind).Select(kind => $"{kind.Key} ×{kind.Count()}"))})");
        }

        return failed.IsEmpty;
    }
}
