using System.Collections.Concurrent;

namespace OrleansRemarks.FaultRunner.Load;

/// <summary>Every delivery's outcome, counted across workers.</summary>
public sealed class LoadStatistics
{
    private readonly ConcurrentQueue<DateTimeOffset> _errorSendTimes = new();
    private readonly ConcurrentQueue<DateTimeOffset> _acknowledgedSendTimes = new();
    private readonly ConcurrentDictionary<string, int> _errorKinds = new();
    private long _sent;
    private long _acknowledged;
    private long _errors;
    private long _slowest;

    public long Sent => Interlocked.Read(ref _sent);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Errors => Interlocked.Read(ref _errors);

    public TimeSpan SlowestDelivery => TimeSpan.FromTicks(Interlocked.Read(ref _slowest));

    /// <summary>When each failed delivery was sent.</summary>
    public IReadOnlyCollection<DateTimeOffset> ErrorSendTimes => _errorSendTimes;

    /// <summary>When each acknowledged delivery was sent.</summary>
    public IReadOnlyCollection<DateTimeOffset> AcknowledgedSendTimes => _acknowledgedSendTimes;

    /// <summary>Failed deliveries by cause ("HTTP 503", "timeout", …).</summary>
    public IReadOnlyDictionary<string, int> ErrorKinds => _errorKinds;

    public void Record(DeliveryOutcome outcome)
    {
        Interlocked.Increment(ref _sent);
        if (outcome.Acknowledged)
        {
            Interlocked.Increment(ref _acknowledged);
            _acknowledgedSendTimes.Enqueue(outcome.SentAt);
        }
        else
        {
            Interlocked.Increment(ref _errors);
            _errorSendTimes.Enqueue(outcome.SentAt);
            _errorKinds.AddOrUpdate(outcome.Error ?? "unknown", 1, (_, count) => count + 1);
        }

        var ticks = outcome.Elapsed.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _slowest)) && Interlocked.CompareExchange(ref _slowest, ticks, seen) != seen)
        {
        }
    }
}
