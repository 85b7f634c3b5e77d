using OrleansRemarks.FaultRunner.Cluster;

namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>What a scenario may use to break and repair the cluster, and to write notes for its result.</summary>
public sealed class ScenarioContext(ClusterControl cluster, ActivationCounter activations, RunProfile profile)
{
    public ClusterControl Cluster { get; } = cluster;

    public ActivationCounter Activations { get; } = activations;

    public RunProfile Profile { get; } = profile;

    public List<string> Notes { get; } = [];

    public List<string> Failures { get; } = [];

    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Recovery is measured from here: the kill, or the moment the broken part was back.</summary>
    public DateTimeOffset RecoveryFrom { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Completes when the scenario calls <see cref="MarkRecoveryStart"/>.</summary>
    public Task RecoveryStarted => _faulted.Task;

    /// <summary>From now on the cluster is expected to serve every owner again, as soon as it can.</summary>
    public void MarkRecoveryStart()
    {
        RecoveryFrom = DateTimeOffset.UtcNow;
        _faulted.TrySetResult();
    }

    /// <summary>When the repair (restart of what was killed) began; errors after it do not count for recovery.</summary>
    public DateTimeOffset? RestoreStartedAt { get; set; }

    public static void Log(string message) =>
        Console.Error.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss}] {message}");
}
