using Npgsql;
using NpgsqlTypes;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// Reads several named states of one string-keyed grain in one query: the schema's
/// <c>ReadStringKeyStatesKey</c> (migration 0007; named states and every state with a prefix),
/// or <c>ReadStringKeyNamedStatesKey</c> (migration 0008; only the named states, one index probe
/// each). Both find a grain's rows through the primary key whose leading columns are the grain.
/// One statement, so what it returns is one snapshot.
/// </summary>
public sealed class StateRowReader(NpgsqlDataSource dataSource, string serviceId)
{
    public const string ReadQueryKey = "ReadStringKeyStatesKey";

    public const string ReadNamedQueryKey = "ReadStringKeyNamedStatesKey";

    /// <summary>The parameters in the order this reader sends them: <c>$1</c> is <c>GrainIdExtensionString</c>, and so on.</summary>
    private static readonly string[] Names = ["GrainIdExtensionString", "ServiceId", "StateNames", "StateNamePrefix"];

    private string? _query;
    private string? _namedQuery;
    private long _queries;
    private long _rows;

    /// <summary>How many read queries this reader sent (for tests and operators: one per activation).</summary>
    public long QueriesSent => Interlocked.Read(ref _queries);

    /// <summary>How many rows those queries returned.</summary>
    public long RowsRead => Interlocked.Read(ref _rows);

    /// <summary>
    /// Every stored row of <paramref name="grainKey"/>'s grain whose state name is one of
    /// <paramref name="stateNames"/> or, unless <paramref name="stateNamePrefix"/> is null, starts with it.
    /// </summary>
    /// <remarks>Every await uses ConfigureAwait(false): this may start on a grain's thread.</remarks>
    public async Task<IReadOnlyList<StoredStateRow>> ReadAsync(string grainKey, IReadOnlyList<string> stateNames, string? stateNamePrefix)
    {
        var query = stateNamePrefix is null
            ? _namedQuery ??= await WriteQueryText.LoadPositionalAsync(dataSource, ReadNamedQueryKey, Names).ConfigureAwait(false)
            : _query ??= await WriteQueryText.LoadPositionalAsync(dataSource, ReadQueryKey, Names).ConfigureAwait(false);
        var command = dataSource.CreateCommand(query);
        await using var _ = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. stateNames] });
        if (stateNamePrefix is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = stateNamePrefix });
        }
        Interlocked.Increment(ref _queries);
        var rows = new List<StoredStateRow>();
        var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows.Add(new StoredStateRow(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1),
                    reader.GetInt32(2)));
            }
        }

        Interlocked.Add(ref _rows, rows.Count);
        return rows;
    }
}
