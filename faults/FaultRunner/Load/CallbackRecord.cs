namespace OrleansRemarks.FaultRunner.Load;

/// <summary>
/// One remark change as OpenIM would announce it, and what became of each of its deliveries.
/// Only the worker that owns the pair touches it while the load runs.
/// </summary>
public sealed class CallbackRecord(int sequence, string operationId, string remark)
{
    private readonly Lock _lock = new();

    /// <summary>1, 2, … in the order the pair's callbacks were first sent.</summary>
    public int Sequence { get; } = sequence;

    public string OperationId { get; } = operationId;

    public string Remark { get; } = remark;

    public int Deliveries { get; private set; }

    public int Acknowledged { get; private set; }

    public int Errors { get; private set; }

    public bool WasAcknowledged => Acknowledged > 0;

    /// <summary>Never acknowledged but delivered with an error: it may or may not have been applied.</summary>
    public bool IsIndeterminate => Acknowledged == 0 && Errors > 0;

    public void Record(DeliveryOutcome outcome)
    {
        lock (_lock)
        {
            Deliveries++;
            if (outcome.Acknowledged)
            {
                Acknowledged++;
            }
            else
            {
                Errors++;
            }
        }
    }
}
