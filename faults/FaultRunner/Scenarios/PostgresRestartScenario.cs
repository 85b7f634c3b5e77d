namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>PostgreSQL stopped (fast mode) and started again mid-load; nothing of ours is restarted.</summary>
public sealed class PostgresRestartScenario : FaultScenario
{
    public override string Name => "postgres-restart";

    public override string Description => "PostgreSQL stopped and started again";

    public override async Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stopped = DateTimeOffset.UtcNow;
        await context.Cluster.StopPostgresAsync();
        await Task.Delay(context.Profile.PostgresOutage, cancellationToken);
        await context.Cluster.StartPostgresAsync();
        context.MarkRecoveryStart();
        context.Notes.Add($"down {(context.RecoveryFrom - stopped).TotalSeconds:0.0} s");
        await Task.Delay(context.Profile.Observe / 2, cancellationToken);
    }
}
