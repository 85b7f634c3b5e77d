namespace OrleansRemarks.FaultRunner.Load;

/// <summary>
/// Spreads deliveries evenly at a fixed rate across all workers. After a stall (a fault held the
/// workers up) it catches up at most one second's worth, so recovery is not met with a burst.
/// </summary>
public sealed class Pacer(double perSecond)
{
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / perSecond);
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.UtcNow;

    public Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset due;
        lock (_lock)
        {
            if (_next < now - MaxCatchUp)
            {
                _next = now - MaxCatchUp;
            }

            due = _next;
            _next += _interval;
        }

        var wait = due - now;
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
