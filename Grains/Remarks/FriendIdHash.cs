using System.Text;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>
/// FNV-1a over the UTF-8 bytes of a friend ID. It decides which stored bucket holds the friend,
/// so it must never change and must not depend on the process (string.GetHashCode does).
/// </summary>
public static class FriendIdHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Of(string friendUserId)
    {
        Span<byte> buffer = stackalloc byte[256];
        return OfUtf8(Encoding.UTF8.GetMaxByteCount(friendUserId.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(friendUserId, buffer)]
            : Encoding.UTF8.GetBytes(friendUserId));
    }

    /// <summary>The hash of a friend ID given as its UTF-8 bytes (as stored JSON holds it).</summary>
    public static uint OfUtf8(ReadOnlySpan<byte> bytes)
    {
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }
}
