using Npgsql;

namespace OrleansRemarks.Silo.Schema;

/// <summary>
/// Brings a PostgreSQL database up to this build's schema: applies, in version order, every
/// migration the history table does not list yet, each in its own transaction. The whole run holds
/// a session advisory lock, so silos starting together apply each migration exactly once.
/// </summary>
public sealed class SchemaMigrator
{
    public const string HistoryTable = "schema_migration_history";

    // The lock is keyed by a name so operators can find it in pg_locks with the same expression.
    private const string LockKeySql = "hashtextextended('OrleansRemarks.SchemaMigrator', 0)";
    private const int CommandTimeoutSeconds = 300;

    private readonly string _connectionString;

    public SchemaMigrator(string connectionString)
        : this(connectionString, EmbeddedMigrations.All)
    {
    }

    public SchemaMigrator(string connectionString, IReadOnlyList<SchemaMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // Unpooled: closing the connection ends the session, which always releases the advisory lock.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        Migrations = migrations;
    }

    /// <summary>Every migration this migrator knows, in version order.</summary>
    public IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>Applies the pending migrations; returns those it applied (none when the schema was up to date).</summary>
    public async Task<IReadOnlyList<SchemaMigration>> ApplyPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Waits while another process migrates; the lock is released when this connection closes.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKeySql})", cancellationToken);
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {HistoryTable} (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var appliedVersions = await ReadAppliedVersionsAsync(connection, cancellationToken);
        var applied = new List<SchemaMigration>();
        foreach (var migration in Migrations.Where(migration => !appliedVersions.Contains(migration.Version)))
        {
            await ApplyAsync(connection, migration, cancellationToken);
            applied.Add(migration);
        }

        return applied;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, SchemaMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
        }
        catch (PostgresException exception)
        {
            throw new SchemaMigrationException($"Migration {migration} failed: {exception.MessageText} (SQLSTATE {exception.SqlState}).", exception);
        }

        await using (var record = new NpgsqlCommand($"INSERT INTO {HistoryTable} (version, name) VALUES (@version, @name)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version FROM {HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>One versioned SQL script of the schema, applied at most once per database.</summary>
/// <param name="Version">Its order among the migrations; the history table's key.</param>
/// <param name="Name">What it does, from its file name (e.g. "clustering_tables").</param>
/// <param name="Sql">The script, run in one transaction.</param>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    public override string ToString() => $"{Version:D4}_{Name}";
}

/// <summary>A migration script failed; its transaction was rolled back and nothing of it was recorded.</summary>
public sealed class SchemaMigrationException(string message, Exception innerException)
    : Exception(message, innerException);
