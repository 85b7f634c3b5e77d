using System.Globalization;
using System.Text;

namespace OrleansRemarks.WebFront.Policy.Rules;

/// <summary>
/// The text operations of the remark policy, on Unicode text elements (extended grapheme clusters,
/// UAX #29) and code points, never on UTF-16 units.
/// </summary>
public static class RemarkText
{
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;
    private const int FirstTag = 0xE0020;
    private const int LastTag = 0xE007F;

    /// <summary>True when <see cref="string.Normalize(NormalizationForm)"/> really applies NFKC (it silently does nothing in globalization-invariant mode).</summary>
    public static bool CanNormalizeCompatibility { get; } = "\uFF21".Normalize(NormalizationForm.FormKC) == "A";

    /// <summary>How many text elements (user-perceived characters) <paramref name="text"/> has: 👍🏽, 👨‍👩‍👧 and é (e + U+0301) are one each.</summary>
    public static int CountTextElements(string text)
    {
        var count = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            rest = rest[StringInfo.GetNextTextElementLength(rest)..];
            count++;
        }

        return count;
    }

    /// <summary>
    /// <c>Policy:Normalize</c>: trims, turns every run of whitespace into one space, and strips control
    /// characters, invisible formatting characters (U+200B, U+FEFF, U+2060, soft hyphen, bidi marks,
    /// embeddings and isolates, …), Hangul fillers and unpaired surrogates. Kept: the zero-width joiner
    /// and tag characters inside an emoji sequence (👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿), and a ZWJ/ZWNJ between two letters (Persian, Indic scripts).
    /// </summary>
    public static string Normalize(string remark) => Clean(remark, keepJoiners: true);

    /// <summary>
    /// The form blocked terms and remarks are compared in: NFKC (full-width, styled and ligature letters
    /// become plain ones), case-folded (simple folding, plus ß → ss), cleaned as by <see cref="Normalize"/>
    /// but with every joiner stripped too, so no invisible character can split a term.
    /// </summary>
    public static string MatchingForm(string text)
    {
        // NFKC throws on unpaired surrogates, and it can turn characters into spaces (U+3000): clean before and after.
        var composed = Clean(text, keepJoiners: false).Normalize(NormalizationForm.FormKC);
        var folded = composed.ToUpperInvariant().ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal);
        return Clean(folded, keepJoiners: false);
    }

    private static string Clean(string text, bool keepJoiners)
    {
        var runes = Decode(text);
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i].Rune;
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (IsStripped(runes, i, keepJoiners))
            {
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(rune.ToString());
        }

        return result.ToString();
    }

    private static bool IsStripped(List<PlacedRune> runes, int index, bool keepJoiners)
    {
        var rune = runes[index].Rune;
        if (rune.Value == 0xFFFD && runes[index].Unpaired)
        {
            return true;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
                return true;
            case UnicodeCategory.Format:
                return !keepJoiners || !IsKeptJoiner(runes, index);
            default:
                return IsInvisibleFiller(rune.Value);
        }
    }

    private static bool IsKeptJoiner(List<PlacedRune> runes, int index)
    {
        var value = runes[index].Rune.Value;
        var inEmojiSequence = IsEmoji(runes[index].ElementBase);
        return value switch
        {
            // Inside an emoji ZWJ sequence something of the same text element follows it.
            ZeroWidthJoiner => (inEmojiSequence && index + 1 < runes.Count && runes[index + 1].Element == runes[index].Element)
                || BetweenLetters(runes, index),
            ZeroWidthNonJoiner => BetweenLetters(runes, index),
            // Emoji tag sequences (subdivision flags) attach their tags to the flag's text element.
            >= FirstTag and <= LastTag => inEmojiSequence && index > 0 && runes[index - 1].Element == runes[index].Element,
            _ => false,
        };
    }

    private static bool BetweenLetters(List<PlacedRune> runes, int index) =>
        index > 0 && index + 1 < runes.Count
        && IsLetterOrMark(runes[index - 1].Rune) && Rune.IsLetter(runes[index + 1].Rune);

    private static bool IsLetterOrMark(Rune rune) =>
        Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsEmoji(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;

    /// <summary>Letters that render as nothing: the Hangul fillers, a classic way to make a blank-looking name.</summary>
    private static bool IsInvisibleFiller(int value) => value is 0x115F or 0x1160 or 0x3164 or 0xFFA0;

    /// <summary>The code points of <paramref name="text"/>, each with its text element's index and first code point.</summary>
    private static List<PlacedRune> Decode(string text)
    {
        var runes = new List<PlacedRune>(text.Length);
        var element = 0;
        var offset = 0;
        while (offset < text.Length)
        {
            var elementLength = StringInfo.GetNextTextElementLength(text.AsSpan(offset));
            var elementText = text.AsSpan(offset, elementLength);
            Rune? elementBase = null;
            var position = 0;
            while (position < elementText.Length)
            {
                var status = Rune.DecodeFromUtf16(elementText[position..], out var rune, out var consumed);
                var unpaired = status != System.Buffers.OperationStatus.Done;
                elementBase ??= rune;
                runes.Add(new PlacedRune(rune, element, elementBase.Value, unpaired));
                position += consumed;
            }

            offset += elementLength;
            element++;
        }

        return runes;
    }

    private readonly record struct PlacedRune(Rune Rune, int Element, Rune ElementBase, bool Unpaired);
}
