using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// The provider's WriteToStorageKey text with its named parameters (<c>@ServiceId</c>) turned into
/// positional ones (<c>$7</c>), once: Npgsql then sends it as is instead of rewriting ~1.5 KB of SQL
/// for every command of every batch.
/// </summary>
public static partial class WriteQueryText
{
    /// <summary>The parameters in positional order: <c>$1</c> is <c>GrainIdHash</c>, and so on.</summary>
    private static readonly string[] Names =
    [
        "GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString",
        "GrainIdExtensionString", "ServiceId", "GrainStateVersion", "PayloadBinary",
    ];

    /// <exception cref="InvalidOperationException">The text names a parameter the provider does not pass.</exception>
    public static string ToPositional(string namedQuery) =>
        NamedParameter().Replace(namedQuery, match =>
        {
            var position = Array.IndexOf(Names, match.Groups[1].Value);
            return position >= 0
                ? "$" + (position + 1).ToString(CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"WriteToStorageKey uses @{match.Groups[1].Value}, which the ADO.NET provider does not pass.");
        });

    [GeneratedRegex(@"(?<![\w@])@(\w+)")]
    private static partial Regex NamedParameter();
}
