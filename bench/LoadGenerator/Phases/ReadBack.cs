using System.Diagnostics;
using OrleansRemarks.Bench.LoadGenerator.Http;
using OrleansRemarks.Bench.LoadGenerator.Results;
using OrleansRemarks.Bench.LoadGenerator.Workload;

namespace OrleansRemarks.Bench.LoadGenerator.Phases;

/// <summary>Reads every pair of the ledger back through the lookup API and compares it with what was acknowledged.</summary>
public static class ReadBack
{
    private const int IdsPerLookup = 500;
    private const int Attempts = 3;

    public static async Task<ReadBackResult> RunAsync(RemarkApiClient api, Ledger ledger, int parallelism)
    {
        var started = Stopwatch.StartNew();
        int checkedPairs = 0, lost = 0, unreadable = 0;
        var chunks = ledger.ByOwner()
            .SelectMany(owner => owner.Friends.Chunk(IdsPerLookup).Select(friends => (owner.Owner, Friends: friends)))
            .ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (chunk, _) =>
        {
            var stored = await LookupWithRetriesAsync(api, chunk.Owner, [.. chunk.Friends.Select(friend => friend.Friend)]);
            Interlocked.Add(ref checkedPairs, chunk.Friends.Length);
            if (stored is null)
            {
                Interlocked.Add(ref unreadable, chunk.Friends.Length);
                return;
            }

            var differing = chunk.Friends.Where(friend => !friend.Expected.Accepts(stored.GetValueOrDefault(friend.Friend))).ToList();
            if (differing.Count > 0)
            {
                Interlocked.Add(ref lost, differing.Count);
                // The first few pairs in full, so that a loss can be traced in the product's logs.
                var shown = string.Join("; ", differing.Take(3).Select(friend =>
                    $"{friend.Friend}: acknowledged \"{friend.Expected.Acknowledged}\", unconfirmed \"{friend.Expected.Unconfirmed}\", stored \"{stored.GetValueOrDefault(friend.Friend)}\""));
                Console.Error.WriteLine($"read-back: owner {chunk.Owner}: {differing.Count} pair(s) differ from what was acknowledged: {shown}");
            }
        });
        return new ReadBackResult(ledger.Acknowledged, checkedPairs, lost, unreadable, Math.Round(started.Elapsed.TotalSeconds, 1));
    }

    private static async Task<Dictionary<string, string>?> LookupWithRetriesAsync(RemarkApiClient api, string owner, string[] friends)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await api.LookupAsync(0, owner, friends);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"read-back: owner {owner}: lookup failed: {exception.Message}");
                return null;
            }
        }
    }
}
