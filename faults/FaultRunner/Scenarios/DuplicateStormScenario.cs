using OrleansRemarks.FaultRunner.Load;

namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>Every callback delivered 3 times (2 racing, 1 late); the result must equal single delivery.</summary>
public sealed class DuplicateStormScenario : FaultScenario
{
    public override string Name => "duplicate-storm";

    public override string Description => "every callback 3 times, 2 at once and 1 late";

    public override IDeliveryPattern Pattern { get; } = new DuplicateStorm();

    public override bool MeasuresRecovery => false;

    /// <summary>Half the owners at twice the delivery rate, so each pair sees several callbacks and their late replays.</summary>
    public override (int Owners, double DeliveriesPerSecond) LoadShape(RunProfile profile) =>
        (profile.Owners / 2, profile.CallbacksPerSecond * 2);

    public override async Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        context.MarkRecoveryStart();
        await Task.Delay(context.Profile.Observe, cancellationToken);
    }
}
