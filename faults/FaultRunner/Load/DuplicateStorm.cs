

namespace OrleansRemarks.FaultRunner.Load;

/// <summary>
/// Every callback is delivered 3 times: two copies at the same moment (they race through nginx
/// and both web fronts), and a third one late, after 1 or 2 newer callbacks of the same pair
/// (inside the grain's memory of the last 4 changes). The final state must equal single delivery.
/// </summary>
public sealed class DuplicateStorm : IDeliveryPattern
{
    public async Task SendNextAsync(RemarkPair pair, LoadContext context, CancellationToken cancellationToken)
    {
        var callback = context.NewCallback(pair);
        await Task.WhenAll(
            context.DeliverAsync(pair, callback, cancellationToken),
            context.DeliverAsync(pair, callback, cancellationToken));
        await SendDueReplaysAsync(pair, context, callback.Sequence, cancellationToken);
        var lateBy = 1 + ((pair.Index + callback.Sequence) % 2);
        pair.PendingReplays.Add(new PendingReplay(callback, callback.Sequence + lateBy));
    }

    public async Task FlushAsync(RemarkPair pair, LoadContext context) =>
        await SendDueReplaysAsync(pair, context, int.MaxValue, CancellationToken.None);

    private static async Task SendDueReplaysAsync(RemarkPair pair, LoadContext context, int sentSequence, CancellationToken cancellationToken)
    {
        var due = pair.PendingReplays.Where(replay => replay.DueAfterSequence <= sentSequence).ToList();
        foreach (var replay in due)
        {
            pair.PendingReplays.Remove(replay);
            await context.DeliverAsync(pair, replay.Callback, cancellationToken);
        }
    }
}

/// <summary>A further delivery of <paramref name="Callback"/>, due once the pair has sent <paramref name="DueAfterSequence"/>.</summary>
public sealed record PendingReplay(CallbackRecord Callback, int DueAfterSequence);
