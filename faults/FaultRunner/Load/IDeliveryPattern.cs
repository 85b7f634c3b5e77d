namespace OrleansRemarks.FaultRunner.Load;

/// <summary>How a pair's callbacks are delivered: once each, or several times out of order.</summary>
public interface IDeliveryPattern
{
    /// <summary>Sends the pair's next callback (and whatever replays are due with it).</summary>
    Task SendNextAsync(RemarkPair pair, LoadContext context, CancellationToken cancellationToken);

    /// <summary>Delivers what is still owed once the load stops (late replays).</summary>
    Task FlushAsync(RemarkPair pair, LoadContext context);
}
