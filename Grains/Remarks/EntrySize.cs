using System.Text;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>Approximate stored JSON size of an entry, to decide when buckets must split.</summary>
public static class EntrySize
{
    private const int EntryOverhead = 16;
    private const int ChangeOverhead = 40;

    public static long Of(FriendEntry entry)
    {
        long size = EntryOverhead + Encoding.UTF8.GetByteCount(entry.FriendUserId);
        return size + Of(entry.History) + Of(entry.Unchanged ?? []);
    }

    private static long Of(IReadOnlyList<AppliedChange> changes)
    {
        long size = 0;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            size += ChangeOverhead
                + Encoding.UTF8.GetByteCount(change.OperationId ?? "")
                + Encoding.UTF8.GetByteCount(change.Remark ?? "");
        }

        return size;
    }
}
