using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>
/// A sliding one-minute window of an owner's counted remark changes: the times (Unix ms) of the
/// most recent ones, oldest first. A time is added only while fewer than the limit are held, so
/// it never holds more than the largest limit it was asked about (bounded by the validation of
/// <c>Policy:MaxChangesPerOwnerPerMinute</c>).
/// </summary>
public sealed class ChangeRateWindow
{
    public const long WindowMilliseconds = 60_000;

    private readonly Queue<long> _counted = new();

    /// <summary>Counts one change at <paramref name="nowMilliseconds"/> unless <paramref name="maxPerMinute"/> changes were already counted in the 60 s before it.</summary>
    public RemarkRateDecision TryCount(long nowMilliseconds, int maxPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerMinute, 1);
        while (_counted.TryPeek(out var oldest) && oldest <= nowMilliseconds - WindowMilliseconds)
        {
            _counted.Dequeue();
        }

        if (_counted.Count >= maxPerMinute)
        {
            // After a lowered limit more than maxPerMinute may be counted: wait for enough of them to age out.
            var freeAt = _counted.ElementAt(_counted.Count - maxPerMinute) + WindowMilliseconds;
            var retryAfter = (int)Math.Max(1, (freeAt - nowMilliseconds + 999) / 1000);
            return new RemarkRateDecision(false, _counted.Count, retryAfter);
        }

        _counted.Enqueue(nowMilliseconds);
        return new RemarkRateDecision(true, _counted.Count, 0);
    }
}
