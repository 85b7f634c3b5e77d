using System.Data;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace OrleansRemarks.Tests.Schema;

/// <summary>
/// <c>WriteStringKeyStatesTogetherKey</c> (migration 0010): several states of one grain in one
/// statement, all or none, with the rows it creates hashed like the grain's others.
/// </summary>
public sealed class WriteStatesTogetherQueryTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private const int GrainIdHash = 12345;
    private readonly string _connectionString = database.ConnectionString;

    [Fact]
    public async Task Updates_first_writes_and_replacements_land_together_with_their_new_versions()
    {
        var grain = await StoredAsync(("a", "a1"));

        var written = await WriteTogetherAsync(grain, ("a", 1, "a2", 0), ("b", 0, "b1", 201), ("c", -1, "c1", 301));

        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1, ["c"] = 1 }, written);
        var rows = await RowsAsync(grain);
        Assert.Equal(("a2", 2), (rows["a"].Payload, rows["a"].Version));
        Assert.Equal(("b1", 1, 201), (rows["b"].Payload, rows["b"].Version, rows["b"].TypeHash));
        Assert.Equal(("c1", 1, 301), (rows["c"].Payload, rows["c"].Version, rows["c"].TypeHash));
        // A created row carries the grain's hash, taken from the row the provider wrote.
        Assert.All(rows.Values, row => Assert.Equal(GrainIdHash, row.IdHash));
    }

    [Fact]
    public async Task A_stale_version_writes_nothing_and_returns_no_row()
    {
        var grain = await StoredAsync(("a", "a1"), ("b", "b1"));

        // "b" is written first in the call, then "a" fails its check: "b"'s update is undone too.
        var written = await WriteTogetherAsync(grain, ("b", 1, "b2", 0), ("a", 7, "a-stale", 0), ("c", 0, "c1", 301));

        Assert.Empty(written);
        Assert.Equal(["a", "b"], (await RowsAsync(grain)).Keys.Order());
        await AssertStoredAsync(grain, ("a", "a1", 1), ("b", "b1", 1));
    }

    [Fact]
    public async Task A_first_write_of_a_state_already_stored_writes_nothing()
    {
        var grain = await StoredAsync(("a", "a1"), ("b", "b1"));

        var written = await WriteTogetherAsync(grain, ("a", 1, "a2", 0), ("b", 0, "b-again", 201));

        Assert.Empty(written);
        await AssertStoredAsync(grain, ("a", "a1", 1), ("b", "b1", 1));
    }

    [Fact]
    public async Task A_replacement_overwrites_a_stored_row_and_moves_its_version_on()
    {
        var grain = await StoredAsync(("a", "a1"), ("c", "stray"));

        var written = await WriteTogetherAsync(grain, ("a", 1, "a2", 0), ("c", -1, "c-new", 301));

        Assert.Equal(2, written["c"]);
        var rows = await RowsAsync(grain);
        Assert.Equal(("c-new", 2), (rows["c"].Payload, rows["c"].Version));
    }

    [Fact]
    public async Task A_conflict_after_a_replacement_ran_undoes_the_replacement()
    {
        var grain = await StoredAsync(("a", "a1"), ("c", "stray"), ("d", "d1"));

        // "a" updates, "c" is replaced, then "d" (a first write of a stored state) fails.
        var written = await WriteTogetherAsync(grain, ("a", 1, "a2", 0), ("c", -1, "c-new", 301), ("d", 0, "d-again", 401));

        Assert.Empty(written);
        await AssertStoredAsync(grain, ("a", "a1", 1), ("c", "stray", 1), ("d", "d1", 1));
    }

    [Fact]
    public async Task A_first_write_into_a_grain_with_no_stored_row_is_refused()
    {
        var grain = GrainStateIdentity.NewStringKeyed();

        var failure = await Assert.ThrowsAsync<PostgresException>(() => WriteTogetherAsync(grain, ("a", 0, "a1", 101)));

        Assert.Equal("55000", failure.SqlState);
        Assert.Empty(await RowsAsync(grain));
    }

    [Fact]
    public async Task Arrays_of_different_lengths_are_refused()
    {
        var grain = await StoredAsync(("a", "a1"));

        var failure = await Assert.ThrowsAsync<PostgresException>(() =>
            RunAsync(grain, ["a", "b"], [1], [Encoding.UTF8.GetBytes("a2")], [0]));

        Assert.Equal("22023", failure.SqlState);
        await AssertStoredAsync(grain, ("a", "a1", 1));
    }

    /// <summary>A new grain with each of <paramref name="states"/> stored at version 1 by the provider's first write.</summary>
    private async Task<GrainStateIdentity> StoredAsync(params (string State, string Payload)[] states)
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        foreach (var (state, payload) in states)
        {
            Assert.Equal(1, (int?)await StoredQuery.ScalarAsync(_connectionString, "WriteToStorageKey", (grain with { StateName = state }).Parameters(
                ("GrainStateVersion", null, DbType.Int32), ("PayloadBinary", Encoding.UTF8.GetBytes(payload), DbType.Binary))));
        }

        return grain;
    }

    /// <summary>Each of <paramref name="expected"/> is stored with that payload and version.</summary>
    private async Task AssertStoredAsync(GrainStateIdentity grain, params (string State, string Payload, int Version)[] expected)
    {
        var rows = await RowsAsync(grain);
        Assert.All(expected, row => Assert.Equal((row.Payload, row.Version), (rows[row.State].Payload, rows[row.State].Version)));
    }

    private Task<Dictionary<string, int>> WriteTogetherAsync(GrainStateIdentity grain, params (string State, int Version, string Payload, int TypeHash)[] writes) =>
        RunAsync(grain,
            [.. writes.Select(write => write.State)],
            [.. writes.Select(write => write.Version)],
            [.. writes.Select(write => Encoding.UTF8.GetBytes(write.Payload))],
            [.. writes.Select(write => write.TypeHash)]);

    private async Task<Dictionary<string, int>> RunAsync(GrainStateIdentity grain, string[] states, int[] versions, byte[][] payloads, int[] typeHashes)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(await QueryTextAsync(connection), connection);
        command.Parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Text) { Value = grain.ServiceId });
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = grain.Extension! });
        command.Parameters.Add(new NpgsqlParameter("StateNames", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = states });
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = versions });
        command.Parameters.Add(new NpgsqlParameter("PayloadsBinary", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = payloads });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeHashes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = typeHashes });
        var written = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            written.Add(reader.GetString(reader.GetOrdinal("StateName")), reader.GetInt32(reader.GetOrdinal("Version")));
        }

        return written;
    }

    private static async Task<string> QueryTextAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = 'WriteStringKeyStatesTogetherKey'", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<string, (string Payload, int Version, int IdHash, int TypeHash)>> RowsAsync(GrainStateIdentity grain)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT state_name, payload_binary, version, grain_id_hash, grain_type_hash FROM orleans_grain_state WHERE grain_id_extension = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Extension! });
        var rows = new Dictionary<string, (string, int, int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), (Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(1)), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }
}
