namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>kill -9 of a silo; the survivors must declare it dead and serve its owners within 30 s.</summary>
public sealed class SiloKillScenario : FaultScenario
{
    public const string Victim = "silo2";

    public override string Name => "silo-kill";

    public override string Description => $"kill -9 of {Victim}";

    public override TimeSpan? MaxRecovery => TimeSpan.FromSeconds(30);

    public override async Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        context.MarkRecoveryStart();
        await context.Cluster.KillAsync(Victim);
        await Task.Delay(context.Profile.Observe, cancellationToken);
    }

    public override Task RestoreAsync(ScenarioContext context, CancellationToken cancellationToken) =>
        context.Cluster.StartAsync(Victim);
}
