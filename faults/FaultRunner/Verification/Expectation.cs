using OrleansRemarks.FaultRunner.Load;

namespace OrleansRemarks.FaultRunner.Verification;

/// <summary>
/// What a pair may hold after the load: the remark of its last acknowledged callback in send
/// order, or the remark of a callback sent after that one which failed (a failed callback may
/// or may not have been applied). Nothing else.
/// </summary>
public static class Expectation
{
    /// <param name="stored">The remark read back; null when there is none.</param>
    public static PairVerdict Judge(RemarkPair pair, string? stored)
    {
        var lastAcknowledged = pair.Callbacks.LastOrDefault(callback => callback.WasAcknowledged);
        if (string.Equals(stored, lastAcknowledged?.Remark, StringComparison.Ordinal))
        {
            return PairVerdict.Match;
        }

        var after = lastAcknowledged?.Sequence ?? 0;
        if (pair.Callbacks.Any(callback => callback.Sequence > after && callback.IsIndeterminate &&
                string.Equals(callback.Remark, stored, StringComparison.Ordinal)))
        {
            return PairVerdict.LaterErroredApplied;
        }

        return lastAcknowledged is null ? PairVerdict.Unexpected : PairVerdict.Lost;
    }

    /// <summary>The remark the pair must hold if every callback that failed was not applied.</summary>
    public static string? Expected(RemarkPair pair) =>
        pair.Callbacks.LastOrDefault(callback => callback.WasAcknowledged)?.Remark;
}
