namespace OrleansRemarks.Grains.Remarks;

/// <summary>
/// Friend IDs in ordinal order, as one array-backed list: 8 bytes per ID where a SortedSet node
/// took about 48. An insert or removal moves the IDs after it (a friend gaining or losing a
/// remark, not every change); a page starts with one binary search.
/// </summary>
public sealed class OrdinalSortedIds
{
    private readonly List<string> _ids;

    public OrdinalSortedIds(IEnumerable<string> unordered)
    {
        _ids = [.. unordered];
        _ids.Sort(StringComparer.Ordinal);
        // A duplicate could only come from a damaged load; keep one of each.
        for (var i = _ids.Count - 1; i > 0; i--)
        {
            if (string.Equals(_ids[i], _ids[i - 1], StringComparison.Ordinal))
            {
                _ids.RemoveAt(i);
            }
        }
    }

    public int Count => _ids.Count;

    public void Add(string id)
    {
        var at = _ids.BinarySearch(id, StringComparer.Ordinal);
        if (at < 0)
        {
            _ids.Insert(~at, id);
        }
    }

    public void Remove(string id)
    {
        var at = _ids.BinarySearch(id, StringComparer.Ordinal);
        if (at >= 0)
        {
            _ids.RemoveAt(at);
        }
    }

    /// <summary>Up to <paramref name="count"/> IDs ordinally after <paramref name="after"/> (from the first when null).</summary>
    public List<string> After(string? after, int count)
    {
        var start = 0;
        if (after is not null)
        {
            var at = _ids.BinarySearch(after, StringComparer.Ordinal);
            start = at >= 0 ? at + 1 : ~at;
        }

        return _ids.GetRange(start, Math.Min(count, _ids.Count - start));
    }

    public IReadOnlyList<string> ToArray() => [.. _ids];
}
