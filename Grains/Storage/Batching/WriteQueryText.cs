using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// The batched update query's named parameters (<c>@ServiceId</c>) turned into positional ones
/// (<c>$3</c>), once: Npgsql then sends the text as is instead of rewriting it for every command
/// of every batch.
/// </summary>
public static partial class WriteQueryText
{
    /// <summary>The parameters in the order the write batcher sends them: <c>$1</c> is <c>GrainTypeString</c>, and so on.</summary>
    private static readonly string[] Names =
    [
        "GrainTypeString", "GrainIdExtensionString", "ServiceId", "GrainStateVersion", "PayloadBinary",
    ];

    /// <exception cref="InvalidOperationException">The text names a parameter the write batcher does not send.</exception>
    public static string ToPositional(string namedQuery) =>
        NamedParameter().Replace(namedQuery, match =>
        {
            var position = Array.IndexOf(Names, match.Groups[1].Value);
            return position >= 0
                ? "$" + (position + 1).ToString(CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"The batched update query uses @{match.Groups[1].Value}, which the write batcher does not send.");
        });

    [GeneratedRegex(@"(?<![\w@])@(\w+)")]
    private static partial Regex NamedParameter();
}
