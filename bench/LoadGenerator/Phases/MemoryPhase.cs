using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Npgsql;
using OrleansRemarks.Bench.LoadGenerator.Http;
using OrleansRemarks.Bench.LoadGenerator.Measure;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Phases;

/// <summary>
/// Memory per remark held (issue #14 item 3): the silo's managed heap after a full collection and
/// its resident set, before and after every owner of <see cref="MemoryDataset"/> became active (one
/// lookup of all its friends each, so every remark is held). The full collection is induced from outside, through the runtime's diagnostics port
/// (an EventPipe session asking for a heap collection, as dotnet-gcdump does); the heap size is the
/// silo's own <c>dotnet.gc.last_collection.heap.size</c> on its <c>/metrics</c>, RSS from /proc.
/// </summary>
public static class MemoryPhase
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task<MemoryResult> MeasureAsync(RawRemarkApi api, int workers, MemoryDataset data, Uri siloMetrics, int siloPid, NpgsqlDataSource postgres)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var heapBefore = await HeapAfterFullCollectionAsync(http, siloMetrics, siloPid);
        var rssBefore = RssBytes(siloPid);

        var started = Stopwatch.StartNew();
        var next = -1;
        long errors = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            int owner;
            while ((owner = Interlocked.Increment(ref next)) < data.Owners)
            {
                // One lookup of every friend: the owner holds all its buckets, each read once. (A GET
                // of one friend would read only the buckets that can hold that friend.)
                var friends = Enumerable.Range(0, data.FriendsPerOwner).Select(friend => MemoryDataset.Friend(owner, friend)).ToArray();
                var ok = await Attempt.RunAsync(
                    async w =>
                    {
                        var found = await api.LookupAsync(w, MemoryDataset.Owner(owner), friends);
                        return found.Count == friends.Length && Enumerable.Range(0, friends.Length).All(friend =>
                            found.TryGetValue(friends[friend], out var remark) && string.Equals(remark, MemoryDataset.Remark(owner, friend), StringComparison.Ordinal));
                    },
                    worker);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var activationSeconds = started.Elapsed.TotalSeconds;

        var heapAfter = await HeapAfterFullCollectionAsync(http, siloMetrics, siloPid);
        var rssAfter = RssBytes(siloPid);
        var (tableBytes, rows) = await TableSizeAsync(postgres);
        var remarks = (double)data.Remarks;
        return new MemoryResult(
            data.Owners, data.FriendsPerOwner, data.Remarks,
            heapBefore, heapAfter, rssBefore, rssAfter,
            Math.Round(heapAfter / remarks, 1), Math.Round(rssAfter / remarks, 1),
            Math.Round((heapAfter - heapBefore) / remarks, 1), Math.Round((rssAfter - rssBefore) / remarks, 1),
            Math.Round((heapAfter - heapBefore) / (double)data.Owners, 0),
            Math.Round(activationSeconds, 1), errors,
            tableBytes, rows, Math.Round(tableBytes / remarks, 1));
    }

    /// <summary>Induces a blocking gen2 collection in the silo and returns its heap size after it.</summary>
    private static async Task<long> HeapAfterFullCollectionAsync(HttpClient http, Uri metrics, int pid)
    {
        var gen2Before = Gen2Collections(await http.GetStringAsync(metrics));
        var client = new DiagnosticsClient(pid);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
            requestRundown: false);
        // The runtime writes events while the session is open; drain them so it never waits on the pipe.
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        string scrape;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        do
        {
            await Task.Delay(250);
            scrape = await http.GetStringAsync(metrics);
        }
        while (Gen2Collections(scrape) <= gen2Before && DateTime.UtcNow < deadline);

        await session.StopAsync(CancellationToken.None);
        try
        {
            await drain;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The session's stream ends with the session.
        }

        if (Gen2Collections(scrape) <= gen2Before)
        {
            throw new InvalidOperationException("The silo did not run a full collection within 60 s.");
        }

        return Sum(scrape, "dotnet_gc_last_collection_heap_size");
    }

    private static long Gen2Collections(string scrape) =>
        Sum(scrape, "dotnet_gc_collections", line => line.Contains("gen2", StringComparison.Ordinal));

    /// <summary>The sum of every sample of the metric (all generations), from Prometheus text.</summary>
    private static long Sum(string scrape, string metric, Func<string, bool>? where = null)
    {
        long sum = 0;
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(metric, StringComparison.Ordinal) && (where is null || where(line)))
            {
                var value = line[(line.LastIndexOf(' ') + 1)..].Trim();
                sum += (long)double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    private static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {pid}.");
    }

    private static async Task<(long Bytes, long Rows)> TableSizeAsync(NpgsqlDataSource postgres)
    {
        await using var command = postgres.CreateCommand("SELECT pg_total_relation_size('orleans_grain_state'), (SELECT count(*) FROM orleans_grain_state)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
