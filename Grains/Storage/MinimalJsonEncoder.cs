using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Escapes only what JSON itself requires: the quote, the backslash and control characters below
/// U+0020. Every other character, Chinese and emoji included, is written as its UTF-8 bytes: the
/// default encoder writes <c>\uXXXX</c> for anything outside ASCII (6 bytes per Chinese character
/// instead of 3, 12 per emoji instead of 4), and even the "unsafe relaxed" one escapes every
/// character outside the Basic Multilingual Plane. Stored state is never embedded in HTML or
/// JavaScript, so HTML-sensitive characters need no escaping either. Text that is not valid
/// UTF-16 (a lone surrogate) is written as U+FFFD, as the default encoder does.
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static readonly MinimalJsonEncoder Instance = new();

    private MinimalJsonEncoder()
    {
    }

    /// <summary>"\uXXXX" is the longest escape written for one UTF-16 character.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' || !Rune.IsValid(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => "",
        };
        if (escape.IsEmpty && unicodeScalar < 0x20)
        {
            escape = "\\u" + unicodeScalar.ToString("X4", CultureInfo.InvariantCulture);
        }

        if (escape.IsEmpty)
        {
            // Not one JSON must escape: written as itself (U+FFFD for a lone surrogate).
            var rune = Rune.IsValid(unicodeScalar) ? new Rune(unicodeScalar) : Rune.ReplacementChar;
            return rune.TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        numberOfCharactersWritten = 0;
        if (!escape.TryCopyTo(destination))
        {
            return false;
        }

        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
