using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>
/// How long remembered changes and tombstones are kept (<c>Remarks:ReplayWindow</c>). A change
/// older than the window is forgotten at the next write of its friend's bucket: a friend left
/// without a remark (deleted or cleared) whose every remembered change is older disappears, and a
/// friend with a remark keeps only the change that set it plus the younger ones. A replay older
/// than the window can then no longer be recognised: OpenIM does not retry a webhook, only proxies
/// do, within seconds, so nothing legitimate replays that late.
/// </summary>
public static class ReplayWindow
{
    /// <summary>The entry without what is older than <paramref name="cutoffUnixMs"/>; null when nothing of it needs keeping.</summary>
    /// <returns>The same instance when nothing is forgotten.</returns>
    public static FriendEntry? Forget(FriendEntry entry, long cutoffUnixMs)
    {
        var history = entry.History;
        var unchanged = entry.Unchanged ?? [];
        // The newest applied change always stays while the entry does: it holds the current state.
        var olderHistory = CountOlder(history, cutoffUnixMs, history.Count - 1);
        var olderUnchanged = CountOlder(unchanged, cutoffUnixMs, unchanged.Count);
        var latestIsOlder = history.Count == 0 || history[^1].AppliedAtUnixMs < cutoffUnixMs;
        if (!entry.Latest.LeavesRemark && latestIsOlder
            && olderHistory == Math.Max(history.Count - 1, 0) && olderUnchanged == unchanged.Count)
        {
            return null;
        }

        if (olderHistory == 0 && olderUnchanged == 0)
        {
            return entry;
        }

        var keptUnchanged = unchanged.Where(change => change.AppliedAtUnixMs >= cutoffUnixMs).ToArray();
        return new FriendEntry(
            entry.FriendUserId,
            [.. history.Where((change, i) => change.AppliedAtUnixMs >= cutoffUnixMs || i == history.Count - 1)])
        {
            Unchanged = keptUnchanged.Length == 0 ? null : keptUnchanged,
        };
    }

    private static int CountOlder(IReadOnlyList<AppliedChange> changes, long cutoffUnixMs, int first)
    {
        var older = 0;
        for (var i = 0; i < first; i++)
        {
            if (changes[i].AppliedAtUnixMs < cutoffUnixMs)
            {
                older++;
            }
        }

        return older;
    }
}
