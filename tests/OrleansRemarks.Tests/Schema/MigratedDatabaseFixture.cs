using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Schema;

/// <summary>One fresh database with every migration applied, shared by the tests of a class.</summary>
public sealed class MigratedDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await MigratedDatabase.CreateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
