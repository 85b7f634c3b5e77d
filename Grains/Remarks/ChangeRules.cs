using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>Decides whether a change to one friend is a duplicate, changes nothing, or must be applied.</summary>
public static class ChangeRules
{
    /// <param name="current">The friend's entry, or null when the owner never had a remark on them.</param>
    /// <param name="remark">The remark to set: "" clears, null deletes the friend.</param>
    /// <returns>The outcome that needs no write, or null when the change must be applied.</returns>
    public static RemarkChangeOutcome? OutcomeWithoutWrite(FriendEntry? current, string? operationId, string? remark)
    {
        if (current is null)
        {
            return string.IsNullOrEmpty(remark) ? RemarkChangeOutcome.Unchanged : null;
        }

        // Changes answered "unchanged" are remembered too: a late copy of one must not revert a newer remark.
        if (!string.IsNullOrEmpty(operationId)
            && (IsReplay(current.History, operationId, remark)
                || (current.Unchanged is { } remembered && IsReplay(remembered, operationId, remark))))
        {
            return RemarkChangeOutcome.Duplicate;
        }

        var latest = current.Latest;
        var unchanged = string.IsNullOrEmpty(remark)
            ? !latest.LeavesRemark
            : string.Equals(latest.Remark, remark, StringComparison.Ordinal);
        return unchanged ? RemarkChangeOutcome.Unchanged : null;
    }

    /// <summary>The entry after <paramref name="change"/>, remembering only the newest changes.</summary>
    public static FriendEntry Append(FriendEntry? current, string friendUserId, AppliedChange change) =>
        new(friendUserId, Newest(current?.History ?? [], change)) { Unchanged = current?.Unchanged };

    /// <summary>The entry after a change answered "unchanged" that carries an operationID: it is remembered, nothing else moves.</summary>
    public static FriendEntry Remember(FriendEntry? current, string friendUserId, AppliedChange change) =>
        new(friendUserId, current?.History ?? []) { Unchanged = Newest(current?.Unchanged ?? [], change) };

    private static AppliedChange[] Newest(IReadOnlyList<AppliedChange> remembered, AppliedChange change)
    {
        var keep = Math.Min(remembered.Count, RemarkLimits.RememberedChangesPerFriend - 1);
        var appended = new AppliedChange[keep + 1];
        for (var i = 0; i < keep; i++)
        {
            appended[i] = remembered[remembered.Count - keep + i];
        }

        appended[keep] = change;
        return appended;
    }

    private static bool IsReplay(IReadOnlyList<AppliedChange> history, string operationId, string? remark)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (string.Equals(history[i].OperationId, operationId, StringComparison.Ordinal)
                && string.Equals(history[i].Remark, remark, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
