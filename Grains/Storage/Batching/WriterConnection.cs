using System.Data;
using Npgsql;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// The connection one batch writer keeps open between batches. Returning it to the pool after every
/// batch would make Npgsql reset the session (five statements) each time, more work for PostgreSQL
/// than a small batch itself. After a failure it is dropped and the next batch opens a fresh one.
/// </summary>
public sealed class WriterConnection(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public async Task<NpgsqlConnection> OpenAsync()
    {
        if (_connection is { State: ConnectionState.Open } open)
        {
            return open;
        }

        await DisposeAsync().ConfigureAwait(false);
        _connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
