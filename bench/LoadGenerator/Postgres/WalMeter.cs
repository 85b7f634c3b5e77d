using Npgsql;

namespace OrleansRemarks.Bench.LoadGenerator.Postgres;

/// <summary>PostgreSQL's WAL position: the bytes a change made durable, measured around it.</summary>
public sealed class WalMeter(NpgsqlDataSource dataSource)
{
    public async Task<string> PositionAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT pg_current_wal_insert_lsn()::text");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> BytesSinceAsync(string position)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::bigint");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = position });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Rows and payload bytes the product stores for one owner (its grain key is "u/" + owner), or
    /// null when the table is not there. For the docs: what a change writes versus the owner's whole state.
    /// </summary>
    public async Task<(long Rows, long Bytes)?> StoredStateAsync(string owner)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT count(*), coalesce(sum(octet_length(payload_binary)), 0)::bigint FROM orleans_grain_state WHERE grain_id_extension = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "u/" + owner });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (PostgresException)
        {
            return null;
        }
    }
}
