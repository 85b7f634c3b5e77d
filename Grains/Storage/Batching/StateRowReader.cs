using Npgsql;
using NpgsqlTypes;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// Reads several named states of one string-keyed grain in one query: the schema's
/// <c>ReadStringKeyStatesKey</c> (migration 0007), which finds a grain's rows through the primary
/// key whose leading columns are the grain. One statement, so what it returns is one snapshot.
/// </summary>
public sealed class StateRowReader(NpgsqlDataSource dataSource, string serviceId)
{
    public const string ReadQueryKey = "ReadStringKeyStatesKey";

    /// <summary>The parameters in the order this reader sends them: <c>$1</c> is <c>GrainIdExtensionString</c>, and so on.</summary>
    private static readonly string[] Names = ["GrainIdExtensionString", "ServiceId", "StateNames", "StateNamePrefix"];

    private string? _query;
    private long _queries;

    /// <summary>How many read queries this reader sent (for tests and operators: one per activation).</summary>
    public long QueriesSent => Interlocked.Read(ref _queries);

    /// <summary>Every stored row of <paramref name="row"/>'s grain whose state name is one of <paramref name="stateNames"/> or starts with <paramref name="stateNamePrefix"/>.</summary>
    /// <remarks>Every await uses ConfigureAwait(false): this may start on a grain's thread.</remarks>
    public async Task<IReadOnlyList<StoredStateRow>> ReadAsync(string grainKey, IReadOnlyList<string> stateNames, string stateNamePrefix)
    {
        var query = _query ??= await WriteQueryText.LoadPositionalAsync(dataSource, ReadQueryKey, Names).ConfigureAwait(false);
        var command = dataSource.CreateCommand(query);
        await using var _ = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. stateNames] });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = stateNamePrefix });
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

        return rows;
    }
}
