using System.Globalization;
using System.Text;

namespace OrleansRemarks.WebFront.Input;

/// <summary>
/// A value from a request made safe for a log line. Control characters (C0, DEL, C1, U+2028, U+2029)
/// are written as <c>\uXXXX</c>, so a newline in a request cannot start a forged line in the plain
/// log and an escape sequence cannot reach a terminal; very long values are cut.
/// </summary>
public static class LogText
{
    /// <summary>Characters of a value kept in a log line; the rest is counted, not written.</summary>
    public const int MaxLength = 512;

    public static string? Of(string? value)
    {
        if (value is null || (value.Length <= MaxLength && !value.AsSpan().ContainsAny(InputRules.ForbiddenCharacters)))
        {
            return value; // the usual case: no copy
        }

        var kept = value.AsSpan(0, Math.Min(value.Length, MaxLength));
        var text = new StringBuilder(kept.Length + 16);
        foreach (var character in kept)
        {
            if (InputRules.IsForbidden(character))
            {
                text.Append("\\u").Append(((int)character).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(character);
            }
        }

        if (value.Length > MaxLength)
        {
            text.Append(CultureInfo.InvariantCulture, $"… ({value.Length - MaxLength} more characters)");
        }

        return text.ToString();
    }
}
