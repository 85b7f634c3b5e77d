namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>Every scenario in run order, and the ones the short (CI) run keeps.</summary>
public static class ScenarioCatalog
{
    private static readonly string[] ShortRun = ["silo-kill", "postgres-restart", "duplicate-storm"];

    /// <summary>Scenarios that bring their own deployment (run after the shared cluster's).</summary>
    public static IReadOnlyList<string> Standalone { get; } = [OpenImOutageScenario.ScenarioName];

    public static IReadOnlyList<FaultScenario> All(int basePort) =>
    [
        new SiloKillScenario(),
        new WebFrontKillScenario(),
        new PostgresRestartScenario(),
        new RollingRestartScenario(),
        new SiloAddedScenario(basePort),
        new DuplicateStormScenario(),
    ];

    public static IReadOnlyList<FaultScenario> Select(RunnerOptions options)
    {
        var all = All(options.BasePort);
        IEnumerable<string> wanted = options.Scenarios.Count > 0 ? options.Scenarios.Except(Standalone) : options.Short ? ShortRun : all.Select(scenario => scenario.Name);
        return wanted.Select(name => all.FirstOrDefault(scenario => scenario.Name == name)
            ?? throw new ArgumentException($"unknown scenario '{name}' (known: {string.Join(", ", all.Select(scenario => scenario.Name))})")).ToList();
    }
}
