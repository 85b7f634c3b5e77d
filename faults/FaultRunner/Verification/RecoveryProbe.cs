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
                    failed.Add(pair.OwnerUserId);
                }
            });
        return failed.IsEmpty;
    }
}
