using System.Text.Json;
using System.Text.Unicode;
using Orleans.Storage;
using OrleansRemarks.Grains.Remarks;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// One bucket as an activation read it: either already parsed, or its stored JSON, parsed on first
/// use (<see cref="Value"/>) and then forgotten. A large owner's first read parses only the buckets
/// of the friends it asks for.
/// </summary>
public sealed class StoredBucket
{
    /// <summary>Reads of single friends answered from the stored JSON before the bucket is parsed and kept parsed.</summary>
    public const int ReadsBeforeParse = 3;

    private readonly IGrainStorageSerializer? _serializer;
    private byte[]? _payload;
    private int _reads;
    private Stored<RemarkBucket>? _parsed;

    private StoredBucket(Stored<RemarkBucket>? parsed, byte[]? payload, string? eTag, IGrainStorageSerializer? serializer)
    {
        _parsed = parsed;
        _payload = payload;
        _serializer = serializer;
        ETag = eTag;
    }

    public string? ETag { get; }

    public bool Exists => _parsed?.Exists ?? true;

    /// <summary>Whether the stored JSON was parsed already (or never had to be).</summary>
    public bool IsParsed => _parsed is not null;

    /// <summary>The bucket, parsed now if it was not yet.</summary>
    public RemarkBucket Value => Stored.Value;

    /// <summary>The bucket with its version, parsed now if it was not yet.</summary>
    public Stored<RemarkBucket> Stored
    {
        get
        {
            if (_parsed is null)
            {
                var value = _serializer!.Deserialize<RemarkBucket>(new BinaryData(_payload!)) ?? RemarkBucket.Empty;
                _parsed = new Stored<RemarkBucket>(value, ETag, true);
                _payload = null;
            }

            return _parsed;
        }
    }

    /// <summary>
    /// The last stored copy of <paramref name="friendUserId"/> in this bucket, or null. The bucket's
    /// first <see cref="ReadsBeforeParse"/> reads find the friend in the stored JSON and parse only
    /// its entry, so an owner read once or twice keeps only its stored bytes; the next read parses
    /// the bucket, and it stays parsed. Only for a bucket whose every friend belongs to it
    /// (<see cref="TryScan"/> returned true): the caller reads no other bucket for this friend.
    /// </summary>
    public FriendEntry? Find(string friendUserId) => FindAll([friendUserId])[0];

    /// <summary>
    /// <see cref="Find"/> for several friends of this bucket at once, as one read of it: while it
    /// is read from its stored JSON, one pass finds them all. Null where a friend has no copy here.
    /// </summary>
    public FriendEntry?[] FindAll(IReadOnlyList<string> friendUserIds)
    {
        if (_parsed is null && _serializer is RemarkStateSerializer && _reads++ < ReadsBeforeParse)
        {
            return FindStored(_payload!, friendUserIds);
        }

        var friends = Value.Friends;
        var found = new FriendEntry?[friendUserIds.Count];
        for (var f = 0; f < found.Length; f++)
        {
            for (var i = friends.Count - 1; i >= 0; i--)
            {
                if (string.Equals(friends[i].FriendUserId, friendUserIds[f], StringComparison.Ordinal))
                {
                    found[f] = friends[i];
                    break;
                }
            }
        }

        return found;
    }

    public static StoredBucket Of(Stored<RemarkBucket> parsed) => new(parsed, null, parsed.ETag, null);

    /// <summary>A stored row's JSON, parsed by <paramref name="serializer"/> on first use.</summary>
    public static StoredBucket Unparsed(byte[] payload, string eTag, IGrainStorageSerializer serializer) =>
        new(null, payload, eTag, serializer);

    /// <summary>
    /// Reads the bucket's applied-change count and checks that every friend in it belongs here
    /// (<paramref name="belongsHere"/>, given the friend ID's <see cref="FriendIdHash"/>), without
    /// parsing entries. False when some friend does not belong here, or when the stored JSON is not
    /// exactly the shape <see cref="RemarkStateSerializer"/> writes (then the caller parses it, and
    /// meets whatever error parsing gives).
    /// </summary>
    public bool TryScan(Func<uint, bool> belongsHere, out long appliedChanges)
    {
        appliedChanges = 0;
        if (_parsed is { } parsed)
        {
            appliedChanges = parsed.Value.AppliedChanges;
            foreach (var friend in parsed.Value.Friends)
            {
                if (!belongsHere(FriendIdHash.Of(friend.FriendUserId)))
                {
                    return false;
                }
            }

            return true;
        }

        if (_serializer is not RemarkStateSerializer)
        {
            return false;
        }

        try
        {
            return Scan(_payload!, belongsHere, out appliedChanges);
        }
        catch (JsonException)
        {
            appliedChanges = 0;
            return false;
        }
    }

    /// <summary>
    /// The shape <see cref="Scan"/> checked at load: finds each friend's object in "friends" by its "f"
    /// (compared unescaped, as parsing would), the last copy as a full parse would keep, and reads
    /// only those objects.
    /// </summary>
    private static FriendEntry?[] FindStored(ReadOnlySpan<byte> json, IReadOnlyList<string> friendUserIds)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueTextEquals("friends"u8))
        {
            reader.Read();
            reader.Skip();
        }

        reader.Read();
        // Where each friend's last copy starts (its '{'), or -1.
        var starts = new long[friendUserIds.Count];
        Array.Fill(starts, -1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var start = reader.TokenStartIndex;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("f"u8);
                reader.Read();
                if (!isId)
                {
                    reader.Skip();
                    continue;
                }

                for (var f = 0; f < starts.Length; f++)
                {
                    if (reader.ValueTextEquals(friendUserIds[f]))
                    {
                        starts[f] = start;
                    }
                }
            }
        }

        var found = new FriendEntry?[starts.Length];
        for (var f = 0; f < starts.Length; f++)
        {
            if (starts[f] >= 0)
            {
                var entry = new Utf8JsonReader(json[(int)starts[f]..]);
                entry.Read();
                found[f] = RemarkStateSerializer.ReadFriend(ref entry);
            }
        }

        return found;
    }

    /// <summary>{"applied":N,"friends":[{"f":"…","h":[…],"u":[…]},…]}: every property is read or skipped, nothing allocated.</summary>
    private static bool Scan(ReadOnlySpan<byte> json, Func<uint, bool> belongsHere, out long appliedChanges)
    {
        appliedChanges = 0;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool sawApplied = false, sawFriends = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("applied"u8) && !sawApplied)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out appliedChanges))
                {
                    return false;
                }

                sawApplied = true;
            }
            else if (reader.ValueTextEquals("friends"u8) && !sawFriends)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !ScanFriends(ref reader, belongsHere))
                {
                    return false;
                }

                sawFriends = true;
            }
            else
            {
                return false;
            }
        }

        return sawApplied && sawFriends && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
    }

    private static bool ScanFriends(ref Utf8JsonReader reader, Func<uint, bool> belongsHere)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            bool sawId = false, sawHistory = false, sawUnchanged = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("f"u8) && !sawId)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || !TryHash(ref reader, out var hash) || !belongsHere(hash))
                    {
                        return false;
                    }

                    sawId = true;
                }
                else if (reader.ValueTextEquals("h"u8) && !sawHistory)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }

                    reader.Skip();
                    sawHistory = true;
                }
                else if (reader.ValueTextEquals("u"u8) && !sawUnchanged)
                {
                    if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.Null))
                    {
                        return false;
                    }

                    reader.Skip();
                    sawUnchanged = true;
                }
                else
                {
                    return false;
                }
            }

            if (!sawId || !sawHistory || reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>The friend ID's hash from its UTF-8 bytes as stored; an escaped one is decoded first, as parsing would. False for invalid UTF-8.</summary>
    private static bool TryHash(ref Utf8JsonReader reader, out uint hash)
    {
        hash = 0;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            if (!Utf8.IsValid(reader.ValueSpan))
            {
                return false;
            }

            hash = FriendIdHash.OfUtf8(reader.ValueSpan);
            return true;
        }

        try
        {
            hash = FriendIdHash.Of(reader.GetString()!);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
