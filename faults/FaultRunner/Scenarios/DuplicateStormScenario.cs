using OrleansRemarks.FaultRunner.Load;

namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>Every callback delivered 3 times (2 racing, 1 late); the result must equal single delivery.</summary>
public sealed class DuplicateStormScenario : FaultScenario
{
    public override string Name => "duplicate-storm";

    public override string Description => "every callback 3 times, 2 at once and 1 late";

    public override IDeliveryPattern Pattern { get; } = new DuplicateStorm();

    public override async Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        context.RecoveryFrom = DateTimeOffset.UtcNow;
        await Task.Delay(context.Profile.Observe, cancellationToken);
    }
}
