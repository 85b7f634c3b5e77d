using OrleansRemarks.Silo.Schema;

namespace OrleansRemarks.Tests.Infrastructure;

public static class MigratedDatabase
{
    /// <summary>A fresh database on the shared server with the project's schema applied.</summary>
    public static async Task<string> CreateAsync()
    {
        var server = await SharedPostgres.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await new SchemaMigrator(connectionString).ApplyPendingAsync();
        return connectionString;
    }
}
