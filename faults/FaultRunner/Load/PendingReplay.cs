namespace OrleansRemarks.FaultRunner.Load;

/// <summary>A further delivery of <paramref name="Callback"/>, due once the pair has sent <paramref name="DueAfterSequence"/>.</summary>
public sealed record PendingReplay(CallbackRecord Callback, int DueAfterSequence);
