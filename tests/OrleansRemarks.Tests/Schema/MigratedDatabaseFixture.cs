using OrleansRemarks.Silo.Schema;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Schema;

/// <summary>One fresh database with every migration applied, shared by the tests of a class.</summary>
public sealed class MigratedDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await SharedPostgres.GetAsync();
        ConnectionString = await server.CreateDatabaseAsync("migrated");
        await new SchemaMigrator(ConnectionString).ApplyPendingAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
