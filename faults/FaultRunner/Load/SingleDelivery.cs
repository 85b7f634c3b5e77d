namespace OrleansRemarks.FaultRunner.Load;

/// <summary>Each callback is delivered once, as OpenIM does (it never retries).</summary>
public sealed class SingleDelivery : IDeliveryPattern
{
    public async Task SendNextAsync(RemarkPair pair, LoadContext context, CancellationToken cancellationToken) =>
        await context.DeliverAsync(pair, context.NewCallback(pair), cancellationToken);

    public Task FlushAsync(RemarkPair pair, LoadContext context) => Task.CompletedTask;
}
