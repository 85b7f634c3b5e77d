namespace OrleansRemarks.WebFront.Operations.Warmup;

/// <summary>How far this process's warm-up is; <see cref="WarmupReadinessCheck"/> reports it.</summary>
public sealed class WarmupProgress
{
    private int _readsDone;
    private int _readsFailed;
    private string? _summary;

    public WarmupProgress(int readsPlanned)
    {
        ReadsPlanned = readsPlanned;
        if (readsPlanned == 0)
        {
            _summary = "Warm-up is off (Warmup:Reads=0).";
        }
    }

    public int ReadsPlanned { get; }

    public int ReadsDone => Volatile.Read(ref _readsDone);

    /// <summary>Null until the warm-up ended; then what it did.</summary>
    public string? Summary => Volatile.Read(ref _summary);

    public int ReadsFailed => Volatile.Read(ref _readsFailed);

    public void ReadDone(bool succeeded)
    {
        if (!succeeded)
        {
            Interlocked.Increment(ref _readsFailed);
        }

        Interlocked.Increment(ref _readsDone);
    }

    public void Complete(string summary) => Volatile.Write(ref _summary, summary);
}
