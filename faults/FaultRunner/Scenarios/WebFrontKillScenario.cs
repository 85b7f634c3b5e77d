namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>kill -9 of a web front; nginx must route around it (retrying on the other one).</summary>
public sealed class WebFrontKillScenario : FaultScenario
{
    public const string Victim = "web1";

    public override string Name => "webfront-kill";

    public override string Description => $"kill -9 of {Victim}";

    public override async Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        context.MarkRecoveryStart();
        await context.Cluster.KillAsync(Victim);
        await Task.Delay(context.Profile.Observe / 2, cancellationToken);
    }

    public override Task RestoreAsync(ScenarioContext context, CancellationToken cancellationToken) =>
        context.Cluster.StartAsync(Victim);
}
