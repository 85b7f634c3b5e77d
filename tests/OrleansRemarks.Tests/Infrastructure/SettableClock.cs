namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>A clock the test moves: given to the silos as their <see cref="TimeProvider"/>.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
