using Npgsql;

namespace OrleansRemarks.Tests.Schema;

/// <summary>A text picture of a database's schema and schema data, to compare before and after.</summary>
public static class SchemaSnapshot
{
    public static async Task<string> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        await AddRowsAsync(connection, lines, """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """);
        await AddRowsAsync(connection, lines, """
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """);
        await AddRowsAsync(connection, lines, "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'");
        await AddRowsAsync(connection, lines, "SELECT 'query ' || querykey || ' ' || md5(querytext) FROM orleansquery");
        await AddRowsAsync(connection, lines, "SELECT 'migration ' || version || ' ' || name || ' ' || applied_at FROM schema_migration_history");
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static async Task AddRowsAsync(NpgsqlConnection connection, List<string> lines, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
    }
}
