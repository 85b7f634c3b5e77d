

namespace OrleansRemarks.FaultRunner.Load;

/// <summary>How a pair's callbacks are delivered: once each, or several times out of order.</summary>
public interface IDeliveryPattern
{
    /// <summary>Sends the pair's next callback (and whatever replays are due with it).</summary>
    Task SendNextAsync(RemarkPair pair, LoadContext context, CancellationToken cancellationToken);

    /// <summary>Delivers what is still owed once the load stops (late replays).</summary>
    Task FlushAsync(RemarkPair pair, LoadContext context);
}

/// <summary>Each callback is delivered once, as OpenIM does (it never retries).</summary>
public sealed class SingleDelivery : IDeliveryPattern
{
    public async Task SendNextAsync(RemarkPair pair, LoadContext context, CancellationToken cancellationToken) =>
        await context.DeliverAsync(pair, context.NewCallback(pair), cancellationToken);

    public Task FlushAsync(RemarkPair pair, LoadContext context) => Task.CompletedTask;
}
