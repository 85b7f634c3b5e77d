namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>Every silo in turn: SIGTERM (it leaves the cluster cleanly), start again, wait until Active.</summary>
public sealed class RollingRestartScenario : FaultScenario
{
    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    public override string Name => "rolling-restart";

    public override string Description => "SIGTERM and restart of silo1, silo2, silo3, one at a time";

    public override async Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        foreach (var silo in Silos)
        {
            await context.Cluster.StopAsync(silo);
            await context.Cluster.StartAsync(silo);
            await Task.Delay(context.Profile.Settle, cancellationToken);
        }

        context.MarkRecoveryStart();
        context.Notes.Add($"restarts took {(context.RecoveryFrom - started).TotalSeconds:0} s");
        await Task.Delay(context.Profile.Observe / 2, cancellationToken);
    }
}
