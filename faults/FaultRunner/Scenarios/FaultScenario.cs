using OrleansRemarks.FaultRunner.Load;

namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>
/// One fault under load: the load starts, warms up, <see cref="InjectAsync"/> breaks something and
/// watches, <see cref="RestoreAsync"/> repairs it (still under load), the load stops, and every
/// pair is read back.
/// </summary>
public abstract class FaultScenario
{
    /// <summary>Short name, used on the command line and in owner IDs (lower case, digits, '-').</summary>
    public abstract string Name { get; }

    public abstract string Description { get; }

    public virtual IDeliveryPattern Pattern { get; } = new SingleDelivery();

    /// <summary>The load's size for this scenario: by default the profile's owners and rate.</summary>
    public virtual (int Owners, double DeliveriesPerSecond) LoadShape(RunProfile profile) =>
        (profile.Owners, profile.CallbacksPerSecond);

    /// <summary>Owners join the load evenly over this period instead of all at once.</summary>
    public virtual TimeSpan RampUp(RunProfile profile) => TimeSpan.Zero;

    /// <summary>Whether the scenario breaks something whose recovery is measured (a duplicate storm does not).</summary>
    public virtual bool MeasuresRecovery => true;

    /// <summary>The longest acceptable recovery; null when the scenario sets none.</summary>
    public virtual TimeSpan? MaxRecovery => null;

    /// <summary>Breaks something, sets <see cref="ScenarioContext.RecoveryFrom"/>, and waits while the load goes on.</summary>
    public abstract Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken);

    /// <summary>Puts the cluster back to 3 silos, 2 web fronts, PostgreSQL up.</summary>
    public virtual Task RestoreAsync(ScenarioContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
