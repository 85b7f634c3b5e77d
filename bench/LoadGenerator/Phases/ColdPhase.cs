using System.Diagnostics;
using OrleansRemarks.Bench.LoadGenerator.Http;
using OrleansRemarks.Bench.LoadGenerator.Measure;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Phases;

/// <summary>
/// Cold owners (issue #14 item 2). <see cref="SeedAsync"/> writes every owner through the callback
/// endpoint; then bench/run.sh restarts the service, so no owner is active; then
/// <see cref="ReadAsync"/> reads one friend of each owner once, one request at a time on one
/// connection, small and large owners shuffled together: each latency is an owner's first read.
/// </summary>
public static class ColdPhase
{
    public static async Task<(long Errors, double Seconds)> SeedAsync(RawRemarkApi api, int workers, ColdOwners owners, bool withLarge)
    {
        // Friend-major order: consecutive callbacks go to different owners, so a large owner's
        // callbacks (one at a time in its grain) never hold up every worker.
        var jobs = owners.All(withLarge).ToArray();
        var maxFriends = jobs.Max(job => job.Friends);
        var queue = Enumerable.Range(0, maxFriends)
            .SelectMany(friend => jobs.Where(job => friend < job.Friends).Select(job => (job.Owner, Friend: friend)))
            .ToArray();
        var next = -1;
        long errors = 0;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < queue.Length)
            {
                var (owner, friend) = queue[index];
                var ok = await Attempt.RunAsync(
                    w => api.PostCallbackAsync(w, owner, ColdOwners.Friend(friend), ColdOwners.Remark(owner, friend), Guid.NewGuid().ToString()), worker);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return (errors, Math.Round(started.Elapsed.TotalSeconds, 1));
    }

    public static async Task<ColdResult> ReadAsync(string target, RawRemarkApi api, ColdOwners owners, bool withLarge)
    {
        var random = new Random(1400);
        long errors = 0;
        for (var i = 0; i < owners.WarmupOwners; i++)
        {
            errors += await ReadOneAsync(api, ColdOwners.Warmup(i), owners.SmallFriends, random, null);
        }

        var small = new LatencyHistogram();
        var large = new LatencyHistogram();
        var reads = Enumerable.Range(0, owners.SmallOwners).Select(i => (Owner: ColdOwners.Small(i), Friends: owners.SmallFriends, Into: small))
            .Concat(withLarge ? Enumerable.Range(0, owners.LargeOwners).Select(i => (Owner: ColdOwners.Large(i), Friends: owners.LargeFriends, Into: large)) : [])
            .OrderBy(_ => random.Next())
            .ToArray();
        foreach (var (owner, friends, into) in reads)
        {
            errors += await ReadOneAsync(api, owner, friends, random, into);
        }

        return new ColdResult(
            target, owners.SmallOwners, owners.SmallFriends, withLarge ? owners.LargeOwners : 0, owners.LargeFriends,
            Ms(small.PercentileMicroseconds(50)), Ms(small.PercentileMicroseconds(99)),
            withLarge ? Ms(large.PercentileMicroseconds(50)) : null, withLarge ? Ms(large.PercentileMicroseconds(99)) : null,
            withLarge ? Ms(large.MaxMicroseconds) : null,
            errors);
    }

    /// <returns>1 when the read failed or answered something else than what was seeded.</returns>
    private static async Task<long> ReadOneAsync(RawRemarkApi api, string owner, int friends, Random random, LatencyHistogram? into)
    {
        var friend = random.Next(friends);
        var sent = Stopwatch.GetTimestamp();
        string? remark;
        try
        {
            remark = await api.GetRemarkAsync(0, owner, ColdOwners.Friend(friend));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return 1;
        }

        var elapsed = Attempt.Microseconds(Stopwatch.GetTimestamp() - sent);
        if (!string.Equals(remark, ColdOwners.Remark(owner, friend), StringComparison.Ordinal))
        {
            return 1;
        }

        into?.Record(elapsed);
        return 0;
    }

    private static double Ms(double microseconds) => Math.Round(microseconds / 1000.0, 3);
}
