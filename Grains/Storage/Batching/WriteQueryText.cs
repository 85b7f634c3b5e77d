using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// A stored query's named parameters (<c>@ServiceId</c>) turned into positional ones (<c>$3</c>),
/// once: Npgsql then sends the text as is instead of rewriting it for every command of every batch.
/// Used for the write batcher's update and for <see cref="StateRowReader"/>'s read.
/// </summary>
public static partial class WriteQueryText
{
    /// <summary>The parameters in the order the write batcher sends them: <c>$1</c> is <c>GrainTypeString</c>, and so on.</summary>
    private static readonly string[] Names =
    [
        "GrainTypeString", "GrainIdExtensionString", "ServiceId", "GrainStateVersion", "PayloadBinary",
    ];

    /// <exception cref="InvalidOperationException">The text names a parameter the write batcher does not send.</exception>
    public static string ToPositional(string namedQuery) => ToPositional(namedQuery, Names);

    /// <param name="names">The parameters in the order the caller sends them: <c>$1</c> is the first.</param>
    /// <exception cref="InvalidOperationException">The text names a parameter not in <paramref name="names"/>.</exception>
    public static string ToPositional(string namedQuery, IReadOnlyList<string> names) =>
        NamedParameter().Replace(namedQuery, match =>
        {
            var position = IndexOf(names, match.Groups[1].Value);
            return position >= 0
                ? "$" + (position + 1).ToString(CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"The query uses @{match.Groups[1].Value}, which its caller does not send.");
        });

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"(?<![\w@])@(\w+)")]
    private static partial Regex NamedParameter();
}
