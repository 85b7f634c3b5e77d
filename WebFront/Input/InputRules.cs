using System.Buffers;
using System.Globalization;
using System.Text;

namespace OrleansRemarks.WebFront.Input;

/// <summary>
/// Bounds on what a request may carry into the cluster. User IDs become grain keys and storage keys,
/// so one that PostgreSQL cannot hold (a NUL, thousands of bytes) would fail there on every attempt;
/// it is refused here instead, with an answer naming the rule and never echoing the value.
/// </summary>
public static class InputRules
{
    /// <summary>UTF-8 bytes of a user ID; OpenIM's own IDs are far shorter.</summary>
    public const int MaxUserIdBytes = 256;

    /// <summary>UTF-8 bytes of an <c>operationID</c> header; OpenIM's are a few dozen.</summary>
    public const int MaxOperationIdBytes = 256;

    /// <summary>The characters of <see cref="IsForbidden"/>, for fast searches.</summary>
    public static readonly SearchValues<char> ForbiddenCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(code => (char)code), .. Enumerable.Range(0x7F, 0x21).Select(code => (char)code), '\u2028', '\u2029']);

    /// <summary>
    /// C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F), and the line and paragraph separators U+2028 and
    /// U+2029: characters that no user ID needs and that break keys, logs and terminals.
    /// </summary>
    public static bool IsForbidden(char character) => ForbiddenCharacters.Contains(character);

    /// <summary>Why <paramref name="userId"/> (non-empty) is refused, or null when it is fine.</summary>
    public static string? UserIdProblem(string userId) => TextProblem(userId, MaxUserIdBytes);

    /// <summary>Why <paramref name="operationId"/> is refused, or null when it is fine.</summary>
    public static string? OperationIdProblem(string operationId) => TextProblem(operationId, MaxOperationIdBytes);

    private static string? TextProblem(string value, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > maxBytes)
        {
            return $"is {bytes} UTF-8 bytes long; at most {maxBytes} are allowed.";
        }

        var forbidden = value.AsSpan().IndexOfAny(ForbiddenCharacters);
        return forbidden < 0
            ? null
            : $"holds the control character U+{((int)value[forbidden]).ToString("X4", CultureInfo.InvariantCulture)} at position {forbidden}; " +
              "C0 and C1 control characters, DEL, U+2028 and U+2029 are not allowed.";
    }
}
