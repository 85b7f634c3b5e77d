using System.Data;
using Npgsql;

namespace OrleansRemarks.Tests.Schema;

/// <summary>
/// Runs a query text from the OrleansQuery table the way the ADO.NET providers do: named
/// parameters with the DbType the providers give each CLR type, null as DBNull.
/// </summary>
public static class StoredQuery
{
    public static async Task<IReadOnlyList<Dictionary<string, object?>>> RunAsync(
        string connectionString, string queryKey, params (string Name, object? Value, DbType Type)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(await TextAsync(connection, queryKey), connection);
        foreach (var (name, value, type) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = name, Value = value ?? DBNull.Value, DbType = type });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The single value of a query that must return exactly one row with one column.</summary>
    public static async Task<object?> ScalarAsync(
        string connectionString, string queryKey, params (string Name, object? Value, DbType Type)[] parameters)
    {
        var row = Assert.Single(await RunAsync(connectionString, queryKey, parameters));
        return Assert.Single(row).Value;
    }

    private static async Task<string> TextAsync(NpgsqlConnection connection, string queryKey)
    {
        // Exactly the providers' statement, unquoted names included.
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetString(reader.GetOrdinal("QueryKey")) == queryKey)
            {
                return reader.GetString(reader.GetOrdinal("QueryText"));
            }
        }

        throw new InvalidOperationException($"OrleansQuery has no {queryKey}.");
    }
}
