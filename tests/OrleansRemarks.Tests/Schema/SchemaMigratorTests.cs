using Npgsql;
using OrleansRemarks.Silo.Schema;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Schema;

public sealed class SchemaMigratorTests
{
    private static readonly string[] ExpectedQueryKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "UpdateStringKeyStateBatchedKey", // the write batcher's own
    ];

    [Fact]
    public void Embedded_migrations_are_numbered_1_to_n_in_order()
    {
        var versions = EmbeddedMigrations.All.Select(migration => migration.Version).ToList();

        Assert.NotEmpty(versions);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        Assert.All(EmbeddedMigrations.All, migration => Assert.False(string.IsNullOrWhiteSpace(migration.Sql)));
    }

    [Fact]
    public async Task Applies_every_migration_to_an_empty_database_then_nothing_the_second_time()
    {
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("migrate");
        var migrator = new SchemaMigrator(connectionString);

        var first = await migrator.ApplyPendingAsync();
        var afterFirst = await SchemaSnapshot.TakeAsync(connectionString);
        var second = await migrator.ApplyPendingAsync();
        var afterSecond = await SchemaSnapshot.TakeAsync(connectionString);

        Assert.Equal(EmbeddedMigrations.All, first);
        Assert.Empty(second);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(EmbeddedMigrations.All.Count, afterSecond.Split('\n').Count(line => line.StartsWith("migration ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Installs_every_query_the_providers_require()
    {
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("queries");
        await new SchemaMigrator(connectionString).ApplyPendingAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        Assert.All(ExpectedQueryKeys, key => Assert.Contains(key, keys));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_not_recorded_and_later_ones_do_not_run()
    {
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("failing");
        var migrator = new SchemaMigrator(connectionString,
        [
            new SchemaMigration(1, "good", "CREATE TABLE good_table (id int)"),
            new SchemaMigration(2, "bad", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table"),
            new SchemaMigration(3, "after_bad", "CREATE TABLE after_bad (id int)"),
        ]);

        var failure = await Assert.ThrowsAsync<SchemaMigrationException>(() => migrator.ApplyPendingAsync());

        Assert.Contains("0002_bad", failure.Message);
        Assert.Equal(["good_table"], await TablesAsync(connectionString, "good_table", "half_done", "after_bad"));
        Assert.Equal([1], await RecordedVersionsAsync(connectionString));
    }

    [Fact]
    public async Task Applies_only_migrations_the_database_has_not_recorded()
    {
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("pending");
        SchemaMigration first = new(1, "first", "CREATE TABLE first_table (id int)");
        SchemaMigration second = new(2, "second", "CREATE TABLE second_table (id int)");
        await new SchemaMigrator(connectionString, [first]).ApplyPendingAsync();

        var applied = await new SchemaMigrator(connectionString, [first, second]).ApplyPendingAsync();

        Assert.Equal([second], applied);
        Assert.Equal([1, 2], await RecordedVersionsAsync(connectionString));
    }

    private static async Task<List<string>> TablesAsync(string connectionString, params string[] candidates)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY(@names) ORDER BY 1", connection);
        command.Parameters.AddWithValue("names", candidates);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<List<int>> RecordedVersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT version FROM {SchemaMigrator.HistoryTable} ORDER BY version", connection);
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
