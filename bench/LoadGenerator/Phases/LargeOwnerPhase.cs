using System.Diagnostics;
using OrleansRemarks.Bench.LoadGenerator.Http;
using OrleansRemarks.Bench.LoadGenerator.Measure;
using OrleansRemarks.Bench.LoadGenerator.Postgres;
using OrleansRemarks.Bench.LoadGenerator.Results;
using OrleansRemarks.Bench.LoadGenerator.Workload;

namespace OrleansRemarks.Bench.LoadGenerator.Phases;

/// <summary>
/// Seeds an owner with many friends and one with few through the callback endpoint, then changes
/// random friends of both, one change at a time and alternating between the two owners, measuring
/// each change's latency and the WAL bytes it produced. Alongside: a third owner as large as the
/// first whose remarks are Chinese with emoji, and callbacks to the large owner that repeat a
/// friend's remark under a new operationID (answered "unchanged", remembered by a write).
/// </summary>
public sealed class LargeOwnerPhase(RemarkApiClient api, Ledger ledger, WalMeter wal)
{
    private const int SeedWorkers = 16;
    private const int WarmupChanges = 20;
    private long _sequence;

    public async Task<LargeOwnerResult> RunAsync(int largeFriends, int smallFriends, int changes)
    {
        var seeding = Stopwatch.StartNew();
        var seedErrors = await SeedAsync(UserIds.LargeOwner, largeFriends) + await SeedAsync(UserIds.SmallOwner, smallFriends)
            + await SeedAsync(UserIds.NonAsciiOwner, largeFriends);
        var seedSeconds = seeding.Elapsed.TotalSeconds;

        var large = new Samples(UserIds.LargeOwner, largeFriends);
        var small = new Samples(UserIds.SmallOwner, smallFriends);
        var nonAscii = new Samples(UserIds.NonAsciiOwner, largeFriends);
        var unchanged = new Samples(UserIds.LargeOwner, largeFriends);
        var random = new Random(3000);
        for (var i = 0; i < WarmupChanges + changes; i++)
        {
            var measured = i >= WarmupChanges;
            await ChangeAsync(large, random, measured);
            await ChangeAsync(small, random, measured);
            await ChangeAsync(nonAscii, random, measured);
            await ChangeAsync(unchanged, random, measured, repeat: true);
        }

        var largeCost = await large.ToCostAsync(wal);
        var smallCost = await small.ToCostAsync(wal);
        return new LargeOwnerResult(
            largeCost,
            smallCost,
            Math.Round(seedSeconds, 1),
            seedErrors,
            Ratio(largeCost.P50Ms, smallCost.P50Ms),
            Ratio(largeCost.WalBytesMedian, smallCost.WalBytesMedian),
            await nonAscii.ToCostAsync(wal),
            await unchanged.ToCostAsync(wal));
    }

    private static double Ratio(double large, double small) => small > 0 ? Math.Round(large / small, 2) : double.NaN;

    private async Task<long> SeedAsync(string owner, int friends)
    {
        var next = -1;
        long errors = 0;
        await Task.WhenAll(Enumerable.Range(0, SeedWorkers).Select(worker => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < friends)
            {
                if (!await SendAsync(owner, UserIds.OwnedFriend(index), worker))
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return errors;
    }

    /// <param name="repeat">Send the friend's acknowledged remark again (with a new operationID) instead of a new one.</param>
    private async Task ChangeAsync(Samples owner, Random random, bool measured, bool repeat = false)
    {
        var friend = UserIds.OwnedFriend(random.Next(owner.Friends));
        var remark = repeat ? ledger.AcknowledgedRemark(new PairKey(owner.Owner, friend)) : null;
        if (repeat && remark is null)
        {
            return;
        }

        var before = await wal.PositionAsync();
        var sent = Stopwatch.GetTimestamp();
        var ok = await Attempt.RunAsync(_ => remark is null
            ? SendAsync(owner.Owner, friend, SeedWorkers)
            : ledger.PostCallbackAsync(api, SeedWorkers, owner.Owner, friend, remark), 0);
        var elapsed = Attempt.Microseconds(Stopwatch.GetTimestamp() - sent);
        var bytes = await wal.BytesSinceAsync(before);
        if (measured)
        {
            owner.Add(ok, elapsed, bytes);
        }
    }

    private Task<bool> SendAsync(string owner, string friend, int worker)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var remark = owner == UserIds.NonAsciiOwner ? RemarkText.NextNonAscii(worker, sequence) : RemarkText.Next(worker, sequence);
        return ledger.PostCallbackAsync(api, worker, owner, friend, remark);
    }
}
