using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

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

    /// <summary>
    /// The query stored under <paramref name="queryKey"/> in the schema's query table, with positional
    /// parameters in the order of <paramref name="names"/>.
    /// </summary>
    /// <remarks>Every await uses ConfigureAwait(false): callers may start on a grain's thread.</remarks>
    /// <exception cref="InvalidOperationException">The schema lacks the query (not migrated), or it names a parameter not in <paramref name="names"/>.</exception>
    public static async Task<string> LoadPositionalAsync(NpgsqlDataSource dataSource, string queryKey, IReadOnlyList<string> names)
    {
        var command = dataSource.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = $1");
        await using var _ = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queryKey });
        var named = await command.ExecuteScalarAsync().ConfigureAwait(false) as string
            ?? throw new InvalidOperationException($"OrleansQuery has no {queryKey}: apply the schema ('OrleansRemarks.Silo migrate').");
        return ToPositional(named, names);
    }

    /// <summary>The write batcher's update (<paramref name="queryKey"/>) with its parameters in the batcher's order.</summary>
    public static Task<string> LoadPositionalAsync(NpgsqlDataSource dataSource, string queryKey) => LoadPositionalAsync(dataSource, queryKey, Names);

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
