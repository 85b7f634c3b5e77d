namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run; each test class makes its own database on it.
/// Tests that stop the server start their own <see cref="PostgresServer"/> instead.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    public static Task<PostgresServer> GetAsync() => Server.Value;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
