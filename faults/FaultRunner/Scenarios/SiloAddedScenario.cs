namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>
/// A fourth silo joins under load while new owners keep arriving; it must take activations
/// (counted by Orleans' management grain). Afterwards it leaves again (SIGTERM), under load.
/// </summary>
public sealed class SiloAddedScenario : FaultScenario
{
    public const string NewSilo = "silo4";

    /// <summary>The port of silo4 in scripts/cluster.sh: base port + 4.</summary>
    private readonly int _newSiloPort;

    public SiloAddedScenario(int basePort) => _newSiloPort = basePort + 4;

    public override string Name => "silo-added";

    public override string Description => $"{NewSilo} joins under load, then leaves";

    /// <summary>Owners arrive over the whole run, so many first activate after the new silo joined.</summary>
    public override TimeSpan RampUp(RunProfile profile) => profile.Warmup + profile.Observe;

    public override async Task InjectAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await context.Cluster.StartAsync(NewSilo);
        context.MarkRecoveryStart();
        await Task.Delay(context.Profile.Observe, cancellationToken);
        var counts = await context.Activations.CountBySiloPortAsync(cancellationToken);
        var onNew = counts.GetValueOrDefault(_newSiloPort);
        var total = counts.Values.Sum();
        context.Notes.Add($"{NewSilo} took {onNew} of {total} activations ({string.Join(", ", counts.OrderBy(pair => pair.Key).Select(pair => $"port {pair.Key}: {pair.Value}"))})");
        if (onNew == 0)
        {
            context.Failures.Add($"{NewSilo} took no activations");
        }
    }

    public override Task RestoreAsync(ScenarioContext context, CancellationToken cancellationToken) =>
        context.Cluster.StopAsync(NewSilo);
}
