using System.Collections.Concurrent;
using OrleansRemarks.FaultRunner.Load;

namespace OrleansRemarks.FaultRunner.Verification;

/// <summary>
/// Reads every pair back through the query API (behind nginx) and from PostgreSQL, and judges
/// each against what was acknowledged.
/// </summary>
public sealed class Verifier(CallbackClient client, DatabaseReader database, int concurrency)
{
    private const int ReadAttempts = 10;
    private const int MaxExamples = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public async Task<VerificationReport> VerifyAsync(string ownerPrefix, IReadOnlyList<RemarkPair> pairs, CancellationToken cancellationToken)
    {
        var fromApi = await ReadAllAsync(pairs, cancellationToken);
        var stored = await database.ReadAsync(ownerPrefix, cancellationToken);
        var examples = new List<string>();
        int lostApi = 0, lostDb = 0, lost = 0, unexpected = 0, unreadable = 0, laterApplied = 0;
        foreach (var pair in pairs)
        {
            if (!fromApi.TryGetValue(pair.Index, out var apiRemark))
            {
                unreadable++;
                continue;
            }

            stored.Remarks.TryGetValue((pair.OwnerUserId, pair.FriendUserId), out var dbRemark);
            var api = Expectation.Judge(pair, apiRemark.Remark);
            var db = Expectation.Judge(pair, dbRemark);
            lostApi += api == PairVerdict.Lost ? 1 : 0;
            lostDb += db == PairVerdict.Lost ? 1 : 0;
            laterApplied += api == PairVerdict.LaterErroredApplied ? 1 : 0;
            var isLost = api == PairVerdict.Lost || db == PairVerdict.Lost;
            var isUnexpected = api == PairVerdict.Unexpected || db == PairVerdict.Unexpected;
            lost += isLost ? 1 : 0;
            unexpected += isUnexpected ? 1 : 0;
            if ((isLost || isUnexpected) && examples.Count < MaxExamples)
            {
                examples.Add($"{pair.OwnerUserId}/{pair.FriendUserId}: expected '{Expectation.Expected(pair)}', API '{apiRemark.Remark}', PostgreSQL '{dbRemark}', " +
                    $"callbacks {string.Join(' ', pair.Callbacks.Select(c => $"#{c.Sequence}:{c.Acknowledged}ack/{c.Errors}err"))}");
            }
        }

        return new VerificationReport(pairs.Count, lostApi, lostDb, unexpected, unreadable, laterApplied, stored.AppliedChanges, examples)
        {
            Lost = lost,
        };
    }

    private async Task<IReadOnlyDictionary<int, ApiRead>> ReadAllAsync(IReadOnlyList<RemarkPair> pairs, CancellationToken cancellationToken)
    {
        var results = new ConcurrentDictionary<int, ApiRead>();
        await Parallel.ForEachAsync(
            pairs,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (pair, token) =>
            {
                for (var attempt = 1; attempt <= ReadAttempts; attempt++)
                {
                    try
                    {
                        results[pair.Index] = new ApiRead(await client.ReadRemarkAsync(pair, token));
                        return;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException
                        && !token.IsCancellationRequested)
                    {
                        await Task.Delay(RetryDelay, token);
                    }
                }
            });
        return results;
    }
}

/// <summary>One successful read through the query API; <paramref name="Remark"/> is null for a 404.</summary>
public sealed record ApiRead(string? Remark);
