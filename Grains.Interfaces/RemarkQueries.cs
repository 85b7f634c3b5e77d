namespace OrleansRemarks.Grains.Interfaces;

// What the owner grain answers reads with. Wire contracts: keep every [Id] and [Alias] as they are.

/// <param name="UpdatedAt">UTC, by the silo clock, when the remark was applied.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.FriendRemark")]
public sealed record FriendRemark(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string Remark,
    [property: Id(2)] DateTimeOffset UpdatedAt);

/// <param name="Limit">1 to <see cref="RemarkLimits.MaxPageSize"/>.</param>
/// <param name="AfterFriendUserId">Keyset cursor: the page starts after this friend ID (ordinal order); null for the first page.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkPageRequest")]
public sealed record RemarkPageRequest(
    [property: Id(0)] int Limit,
    [property: Id(1)] string? AfterFriendUserId);

/// <param name="NextAfterFriendUserId">The cursor for the next page, or null when this page is the last.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkPage")]
public sealed record RemarkPage(
    [property: Id(0)] IReadOnlyList<FriendRemark> Items,
    [property: Id(1)] string? NextAfterFriendUserId);

[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkLookup")]
public sealed record RemarkLookup(
    [property: Id(0)] IReadOnlyList<string> FriendUserIds);

/// <param name="Items">Only the requested friends that have a remark, in request order.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkLookupResult")]
public sealed record RemarkLookupResult(
    [property: Id(0)] IReadOnlyList<FriendRemark> Items);

/// <summary>
/// Strings as one text and each one's length: how a web front that is only a client of the silos
/// sends a lookup's friend IDs and receives the remarks found (<see cref="IUserFriendsGrain.LookupRemarksPackedAsync"/>).
/// On the wire that is one string and one integer array instead of one field per string, which
/// costs a tenth of the CPU to write and read.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.PackedStrings")]
public sealed record PackedStrings(
    [property: Id(0)] string Text,
    [property: Id(1)] int[] Lengths)
{
    public int Count => Lengths.Length;

    public static PackedStrings Pack(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var lengths = new int[values.Count];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = (values[i] ?? throw new ArgumentException("A packed string cannot be null.", nameof(values))).Length;
        }

        return new PackedStrings(string.Concat(values), lengths);
    }

    /// <exception cref="ArgumentException">The lengths do not cut <see cref="Text"/> into strings exactly.</exception>
    public string[] Unpack()
    {
        if (Text is null || Lengths is null)
        {
            throw new ArgumentException("Packed strings need a text and lengths.");
        }

        var values = new string[Lengths.Length];
        var at = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var length = Lengths[i];
            if (length < 0 || length > Text.Length - at)
            {
                throw new ArgumentException($"Packed string {i} has length {length}; {Text.Length - at} characters are left.");
            }

            values[i] = Text.Substring(at, length);
            at += length;
        }

        return at == Text.Length
            ? values
            : throw new ArgumentException($"The packed strings' lengths add up to {at}, not to the text's {Text.Length} characters.");
    }
}

/// <summary>A lookup's answer as <see cref="IUserFriendsGrain.LookupRemarksPackedAsync"/> gives it.</summary>
/// <param name="Indexes">For each friend found with a remark, where it first stands in the request; in request order, as <see cref="RemarkLookupResult.Items"/>.</param>
/// <param name="Remarks">Their remarks, in the same order.</param>
/// <param name="UpdatedAtUnixMs">When each was applied: <see cref="FriendRemark.UpdatedAt"/> in Unix milliseconds (its precision).</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.PackedLookupResult")]
public sealed record PackedLookupResult(
    [property: Id(0)] int[] Indexes,
    [property: Id(1)] PackedStrings Remarks,
    [property: Id(2)] long[] UpdatedAtUnixMs)
{
    /// <param name="asked">The friend IDs as the request gave them.</param>
    /// <param name="found">What <see cref="IUserFriendsGrain.LookupRemarksAsync"/> answers for them: in request order, each friend once.</param>
    public static PackedLookupResult Of(IReadOnlyList<string> asked, IReadOnlyList<FriendRemark> found)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(found);
        var indexes = new int[found.Count];
        var remarks = new string[found.Count];
        var updatedAt = new long[found.Count];
        // Each found friend stands after the one before it: one pass over the request finds them all.
        var at = 0;
        for (var i = 0; i < found.Count; i++)
        {
            while (at < asked.Count && !string.Equals(asked[at], found[i].FriendUserId, StringComparison.Ordinal))
            {
                at++;
            }

            if (at == asked.Count)
            {
                throw new ArgumentException($"Found friend {i} is not in the request after the one before it.", nameof(found));
            }

            indexes[i] = at++;
            remarks[i] = found[i].Remark;
            updatedAt[i] = found[i].UpdatedAt.ToUnixTimeMilliseconds();
        }

        return new PackedLookupResult(indexes, PackedStrings.Pack(remarks), updatedAt);
    }

    /// <summary>The remarks found, as <see cref="RemarkLookupResult.Items"/> would hold them.</summary>
    /// <param name="asked">The friend IDs the lookup was sent with.</param>
    public FriendRemark[] Unpack(IReadOnlyList<string> asked)
    {
        ArgumentNullException.ThrowIfNull(asked);
        var remarks = Remarks.Unpack();
        if (remarks.Length != Indexes.Length || UpdatedAtUnixMs.Length != Indexes.Length)
        {
            throw new ArgumentException($"A packed lookup result of {Indexes.Length} friends holds {remarks.Length} remarks and {UpdatedAtUnixMs.Length} times.");
        }

        var items = new FriendRemark[Indexes.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new FriendRemark(asked[Indexes[i]], remarks[i], DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtUnixMs[i]));
        }

        return items;
    }
}
