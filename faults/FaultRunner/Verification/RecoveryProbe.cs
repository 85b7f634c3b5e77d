using System.Collections.Concurrent;
using OrleansRemarks.FaultRunner.Load;
using OrleansRemarks.FaultRunner.Scenarios;

namespace OrleansRemarks.FaultRunner.Verification;

/// <summary>
/// Measures "the cluster serves all owners again". From the fault on, it sweeps every owner of the
/// scenario with a read through the query API (200 or 404 within <see cref="ReadTimeLimit"/> counts
/// as served); an owner that is not served is read again every <see cref="RetryPause"/> until it is.
/// Sweeps repeat until one passes without any failure. The recovery time is the moment the last
/// owner that had failed was served again (zero when none failed), so it does not depend on how
/// long a sweep over thousands of owners takes.
/// </summary>
public sealed class RecoveryProbe(CallbackClient client, int concurrency)
{
    public static readonly TimeSpan ReadTimeLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    /// <returns>Time from <paramref name="from"/> until every owner that failed was served again; null if that did not happen before <paramref name="stop"/>.</returns>
    public async Task<TimeSpan?> MeasureAsync(IReadOnlyList<RemarkPair> pairs, DateTimeOffset from, CancellationToken stop)
    {
        var owners = pairs.GroupBy(pair => pair.OwnerUserId).Select(group => group.First()).ToList();
        var servedAgainAt = from;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (failures, lastRecovered) = await SweepAsync(owners, stop);
                if (lastRecovered is { } at && at > servedAgainAt)
                {
                    servedAgainAt = at;
                }

                if (failures == 0)
                {
                    return servedAgainAt - from;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return null;
    }

    /// <returns>How many reads failed, and when the last owner that failed was served after all.</returns>
    private async Task<(int Failures, DateTimeOffset? LastRecovered)> SweepAsync(IReadOnlyList<RemarkPair> owners, CancellationToken stop)
    {
        var failures = new ConcurrentBag<string>();
        var recoveredAt = new ConcurrentBag<DateTimeOffset>();
        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(
            owners,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop },
            async (pair, token) =>
            {
                var failed = false;
                while (await ReadFailureAsync(pair, token) is { } failure)
                {
                    failed = true;
                    failures.Add(failure);
                    await Task.Delay(RetryPause, token);
                }

                if (failed)
                {
                    recoveredAt.Add(DateTimeOffset.UtcNow);
                }
            });
        if (!failures.IsEmpty)
        {
            ScenarioContext.Log($"recovery probe: sweep of {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s over {owners.Count} owners: " +
                $"{recoveredAt.Count} owners not served at first, {failures.Count} failed reads ({string.Join(", ", failures.GroupBy(kind => kind).Select(kind => $"{kind.Key} ×{kind.Count()}"))})");
        }

        return (failures.Count, recoveredAt.IsEmpty ? null : recoveredAt.Max());
    }

    /// <returns>Why the read failed, or null when the owner was served.</returns>
    private async Task<string?> ReadFailureAsync(RemarkPair pair, CancellationToken stop)
    {
        try
        {
            await client.ReadRemarkAsync(pair, stop, ReadTimeLimit);
            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !stop.IsCancellationRequested))
        {
            return exception is HttpRequestException { StatusCode: { } status } ? $"HTTP {(int)status}" : "timeout";
        }
    }
}
