using Npgsql;

namespace OrleansRemarks.Bench.Baseline;

/// <summary>The (owner, friend) → remark table, one statement per operation.</summary>
public sealed class RemarkTable(NpgsqlDataSource dataSource)
{
    public const string CreateSql = """
        CREATE TABLE IF NOT EXISTS bench_remarks (
            owner      text        NOT NULL,
            friend     text        NOT NULL,
            remark     text        NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (owner, friend))
        """;

    /// <summary>The same statement as bench/pgbench/upsert.sql.</summary>
    public const string UpsertSql = """
        INSERT INTO bench_remarks (owner, friend, remark, updated_at) VALUES ($1, $2, $3, now())
        ON CONFLICT (owner, friend) DO UPDATE SET remark = EXCLUDED.remark, updated_at = EXCLUDED.updated_at
        """;

    private const string GetSql = "SELECT remark, updated_at FROM bench_remarks WHERE owner = $1 AND friend = $2";

    private const string LookupSql = "SELECT friend, remark, updated_at FROM bench_remarks WHERE owner = $1 AND friend = ANY($2)";

    public async Task CreateAsync()
    {
        await using var command = dataSource.CreateCommand(CreateSql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task UpsertAsync(string owner, string friend, string remark, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = friend });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = remark });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RemarkResponse?> GetAsync(string owner, string friend, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = friend });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RemarkResponse(owner, friend, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    public async Task<IReadOnlyList<RemarkResponse>> LookupAsync(string owner, IReadOnlyList<string> friends, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LookupSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. friends] });
        var found = new Dictionary<string, RemarkResponse>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var friend = reader.GetString(0);
            found[friend] = new RemarkResponse(owner, friend, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        }

        // Request order, like the product's lookup.
        return [.. friends.Where(found.ContainsKey).Distinct(StringComparer.Ordinal).Select(friend => found[friend])];
    }
}
