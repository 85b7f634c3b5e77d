using Npgsql;
using OrleansRemarks.Silo.Schema;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Schema;

/// <summary>The "OrleansRemarks.Silo migrate" command, run as real processes.</summary>
public sealed class MigrateCommandTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_migrate_processes_at_once_both_succeed_and_apply_each_migration_once()
    {
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("twomigrate");
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Orleans"] = connectionString };

        var runs = await Task.WhenAll(
            SiloProcess.RunToExitAsync(["migrate"], environment, ProcessTimeout),
            SiloProcess.RunToExitAsync(["migrate"], environment, ProcessTimeout));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StandardOutput}{run.StandardError}"));
        foreach (var migration in EmbeddedMigrations.All)
        {
            var reports = runs.Count(run => run.StandardOutput.Contains($"Applied migration {migration}.", StringComparison.Ordinal));
            Assert.True(reports == 1, $"{migration} reported applied {reports} times:\n{runs[0].StandardOutput}\n---\n{runs[1].StandardOutput}");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*), count(DISTINCT version) FROM {SchemaMigrator.HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(EmbeddedMigrations.All.Count, reader.GetInt64(0));
        Assert.Equal(EmbeddedMigrations.All.Count, reader.GetInt64(1));
    }

    [Fact]
    public async Task Migrate_on_an_up_to_date_database_reports_nothing_applied()
    {
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("uptodate");
        await new SchemaMigrator(connectionString).ApplyPendingAsync();

        var run = await SiloProcess.RunToExitAsync(["migrate"], new Dictionary<string, string?> { ["ConnectionStrings__Orleans"] = connectionString }, ProcessTimeout);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Applied migration", run.StandardOutput);
        Assert.Contains("no migration applied", run.StandardOutput);
    }
}
