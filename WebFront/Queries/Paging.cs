using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Queries;

public static class PageLimit
{
    public const int Default = 100;

    public const int Max = RemarkLimits.MaxPageSize;

    /// <summary>The page size when none is asked for, with <c>Api:MaxPageSize</c> = <paramref name="max"/>.</summary>
    public static int DefaultFor(int max) => Math.Min(Default, max);

    /// <summary>
    /// Absent means <see cref="Default"/> (or <paramref name="max"/> when smaller); otherwise plain decimal
    /// digits from 1 to <paramref name="max"/> (<c>Api:MaxPageSize</c>, at most <see cref="Max"/>).
    /// </summary>
    public static bool TryParse(string? text, int max, out int limit)
    {
        if (text is null)
        {
            limit = DefaultFor(max);
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= Math.Min(max, Max);
    }
}

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
