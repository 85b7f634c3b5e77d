using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>The opaque paging cursor: base64url (no padding) of the UTF-8 of the last friend ID returned.</summary>
public static class PageCursor
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string afterFriendUserId) =>
        Base64Url.EncodeToString(StrictUtf8.GetBytes(afterFriendUserId));

    public static bool TryDecode(string cursor, [NotNullWhen(true)] out string? afterFriendUserId)
    {
        afterFriendUserId = null;
        if (cursor.Length == 0 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        try
        {
            afterFriendUserId = StrictUtf8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return afterFriendUserId.Length > 0;
    }
}
