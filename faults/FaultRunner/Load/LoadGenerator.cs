namespace OrleansRemarks.FaultRunner.Load;

/// <summary>
/// Keeps a steady stream of callbacks going over all pairs until stopped. Pair i belongs to
/// worker i mod W, which sends that pair's callbacks one after another; workers cycle through
/// their pairs, skipping pairs that are not eligible yet or resting after an error.
/// </summary>
public sealed class LoadGenerator(IReadOnlyList<RemarkPair> pairs, LoadContext context, IDeliveryPattern pattern, int workers)
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs until <paramref name="stop"/> is cancelled, then flushes owed replays and returns.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var tasks = Enumerable.Range(0, workers)
            .Select(worker => Task.Run(() => RunWorkerAsync(pairs.Where(pair => pair.Index % workers == worker).ToList(), stop)))
            .ToList();
        await Task.WhenAll(tasks);
    }

    private async Task RunWorkerAsync(List<RemarkPair> mine, CancellationToken stop)
    {
        var next = 0;
        try
        {
            while (!stop.IsCancellationRequested && mine.Count > 0)
            {
                var pair = NextReady(mine, ref next);
                if (pair is null)
                {
                    await Task.Delay(IdleWait, stop);
                    continue;
                }

                await pattern.SendNextAsync(pair, context, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        foreach (var pair in mine)
        {
            await pattern.FlushAsync(pair, context);
        }
    }

    private static RemarkPair? NextReady(List<RemarkPair> mine, ref int next)
    {
        var now = DateTimeOffset.UtcNow;
        for (var scanned = 0; scanned < mine.Count; scanned++)
        {
            var pair = mine[next];
            next = (next + 1) % mine.Count;
            if (pair.IsReady(now))
            {
                return pair;
            }
        }

        return null;
    }
}
