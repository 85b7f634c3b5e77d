using Npgsql;

namespace OrleansRemarks.Tests.Schema;

public sealed class GrainStateTableTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private readonly string _connectionString = database.ConnectionString;

    [Fact]
    public async Task Stored_identity_is_a_real_unique_key()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        const string insert = """
            INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension,
                grain_id_hash, grain_type_hash, payload_binary, version)
            VALUES ('svc', 'remarks', 1, 2, 'u/dup', 0, 0, NULL, 1)
            """;
        await using (var first = new NpgsqlCommand(insert, connection))
        {
            await first.ExecuteNonQueryAsync();
        }

        await using var second = new NpgsqlCommand(insert, connection);
        var violation = await Assert.ThrowsAsync<PostgresException>(() => second.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, violation.SqlState);
    }
}
