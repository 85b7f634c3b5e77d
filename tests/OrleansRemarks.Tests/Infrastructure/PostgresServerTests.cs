using Npgsql;

namespace OrleansRemarks.Tests.Infrastructure;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Shared_server_creates_isolated_databases()
    {
        var server = await SharedPostgres.GetAsync();
        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();

        Assert.NotEqual(first, second);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);
        Assert.True((int)(await command.ExecuteScalarAsync())! >= 150000);
    }
}
