namespace OrleansRemarks.FaultRunner.Load;

/// <summary>What every worker of one scenario's load shares.</summary>
public sealed class LoadContext(CallbackClient client, Pacer pacer, LoadStatistics statistics, string idPrefix, TimeSpan quietAfterError)
{
    public CallbackClient Client { get; } = client;

    public LoadStatistics Statistics { get; } = statistics;

    /// <summary>
    /// How long a pair is left alone after an error: longer than Orleans' response timeout (30 s),
    /// after which an unanswered grain call is dropped and can no longer be applied.
    /// </summary>
    public TimeSpan QuietAfterError { get; } = quietAfterError;

    /// <summary>The next callback of the pair, with an operationID and a remark used nowhere else.</summary>
    public CallbackRecord NewCallback(RemarkPair pair)
    {
        var sequence = pair.Callbacks.Count + 1;
        var callback = new CallbackRecord(sequence, $"{idPrefix}-{pair.Index}-{sequence}", $"r{sequence}-{pair.Index}-备注");
        pair.Callbacks.Add(callback);
        return callback;
    }

    /// <summary>Waits for the pacer, delivers once, records the outcome everywhere.</summary>
    public async Task<DeliveryOutcome> DeliverAsync(RemarkPair pair, CallbackRecord callback, CancellationToken cancellationToken)
    {
        await pacer.WaitTurnAsync(cancellationToken);
        var outcome = await Client.SendAsync(pair, callback, CancellationToken.None);
        callback.Record(outcome);
        Statistics.Record(outcome);
        if (!outcome.Acknowledged)
        {
            pair.QuietUntil = DateTimeOffset.UtcNow + QuietAfterError;
        }

        return outcome;
    }
}
