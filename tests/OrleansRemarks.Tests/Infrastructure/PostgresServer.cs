using Npgsql;

namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of the machine's own binaries (initdb, pg_ctl) in a temporary
/// folder on a free loopback port. Tests own it, so they can also stop and restart it.
/// Set ORLEANSREMARKS_TEST_PG_BIN to pick the folder with the binaries (default: PATH).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly string _dataDirectory;
    private readonly string _binDirectory;

    private PostgresServer(string root, int port, string binDirectory)
    {
        Root = root;
        _dataDirectory = Path.Combine(root, "data");
        Port = port;
        _binDirectory = binDirectory;
    }

    public string Root { get; }

    public int Port { get; }

    public string LogFile => Path.Combine(Root, "postgres.log");

    public static async Task<PostgresServer> StartNewAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "orleansremarks-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(root, FreeTcpPort.Next(), Environment.GetEnvironmentVariable("ORLEANSREMARKS_TEST_PG_BIN") ?? "");
        if (RunningAsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", root]);
        }

        await server.RunAsPostgresAsync("initdb", ["-D", server._dataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-sync"]);
        File.AppendAllText(Path.Combine(server._dataDirectory, "postgresql.conf"),
            $"\nport = {server.Port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nfsync = off\n" +
            "max_connections = 300\nshared_buffers = 128MB\nlog_min_error_statement = error\n");
        await server.StartAsync();
        return server;
    }

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Pooling = true,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    /// <param name="encoding">A server encoding other than the cluster's (UTF8), e.g. <c>LATIN1</c>; null for the default.</param>
    public async Task<string> CreateDatabaseAsync(string prefix = "t", string? encoding = null)
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        var options = encoding is null ? "" : $" ENCODING '{encoding}' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0";
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{options}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task StartAsync()
    {
        await RunAsPostgresAsync("pg_ctl", ["-D", _dataDirectory, "-l", LogFile, "-w", "-t", "60", "start"]);
    }

    /// <summary>Stops the server at once, dropping every connection (pg_ctl's "immediate" mode).</summary>
    public async Task StopAsync()
    {
        await RunAsPostgresAsync("pg_ctl", ["-D", _dataDirectory, "-w", "-t", "60", "-m", "immediate", "stop"]);
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync("pg_ctl", ["-D", _dataDirectory, "-w", "-t", "30", "-m", "immediate", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = _binDirectory.Length > 0 ? Path.Combine(_binDirectory, tool) : tool;
        return RunningAsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : ProcessRunner.RunAsync(executable, arguments);
    }
}
