using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// Sends state updates of different grains to PostgreSQL together. Each batch is one round trip and
/// one implicit transaction: every update in it runs the provider's own <c>WriteToStorageKey</c>
/// query with its own version check, and no caller hears back before PostgreSQL committed the
/// batch. A batch forms from whatever is waiting while earlier batches are in flight, so a lone
/// update is never delayed.
/// </summary>
public sealed partial class StateWriteBatcher : IAsyncDisposable
{
    private const string WriteQueryKey = "WriteToStorageKey";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly StateWriteBatchingOptions _options;
    private readonly ILogger<StateWriteBatcher> _logger;
    private readonly Channel<PendingStateWrite> _queue = Channel.CreateUnbounded<PendingStateWrite>();
    private readonly SemaphoreSlim _queryLoad = new(1, 1);
    private readonly Task[] _writers;
    private string? _writeQuery;

    public StateWriteBatcher(NpgsqlDataSource dataSource, string serviceId, StateWriteBatchingOptions options, ILogger<StateWriteBatcher> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentBatches, 1);
        (_dataSource, _serviceId, _options, _logger) = (dataSource, serviceId, options, logger);
        _writers = [.. Enumerable.Range(0, options.MaxConcurrentBatches).Select(_ => Task.Run(WriteBatchesAsync))];
    }

    /// <summary>The version the write query returned: one more than expected when applied, anything else when not.</summary>
    public Task<int?> WriteAsync(PendingStateWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(StateWriteBatcher));
        }

        return write.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
        _queryLoad.Dispose();
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingStateWrite>(_options.MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingStateWrite> batch)
    {
        int?[] versions;
        try
        {
            // One order for every batch: two batches never wait on each other's rows in opposite order.
            batch.Sort((left, right) => left.Row.CompareTo(right.Row));
            versions = await ExecuteAsync(batch, await WriteQueryAsync());
        }
        catch (Exception exception)
        {
            LogBatchFailed(exception, batch.Count);
            foreach (var write in batch)
            {
                write.Completion.TrySetException(exception);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(versions[i]);
        }
    }

    private async Task<int?[]> ExecuteAsync(List<PendingStateWrite> batch, string query)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlBatch(connection);
        foreach (var write in batch)
        {
            command.BatchCommands.Add(Command(query, write));
        }

        var versions = new int?[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync())
                {
                    throw new InvalidOperationException($"The write query returned {i} results for a batch of {batch.Count}.");
                }

                versions[i] = await reader.ReadAsync() && !await reader.IsDBNullAsync(0) ? reader.GetInt32(0) : null;
            }
        }

        // The reader is closed only once PostgreSQL reported the batch's implicit transaction committed.
        return versions;
    }

    private NpgsqlBatchCommand Command(string query, PendingStateWrite write) => new(query)
    {
        Parameters =
        {
            // The hashes matter only when a row is inserted; updates (the only writes batched) keep the stored ones.
            new NpgsqlParameter<int>("GrainIdHash", NpgsqlDbType.Integer) { TypedValue = 0 },
            new NpgsqlParameter<long>("GrainIdN0", NpgsqlDbType.Bigint) { TypedValue = 0 },
            new NpgsqlParameter<long>("GrainIdN1", NpgsqlDbType.Bigint) { TypedValue = 0 },
            new NpgsqlParameter<int>("GrainTypeHash", NpgsqlDbType.Integer) { TypedValue = 0 },
            new NpgsqlParameter<string>("GrainTypeString", NpgsqlDbType.Text) { TypedValue = write.Row.StateName },
            new NpgsqlParameter<string>("GrainIdExtensionString", NpgsqlDbType.Text) { TypedValue = write.Row.GrainKey },
            new NpgsqlParameter<string>("ServiceId", NpgsqlDbType.Text) { TypedValue = _serviceId },
            new NpgsqlParameter<int>("GrainStateVersion", NpgsqlDbType.Integer) { TypedValue = write.ExpectedVersion },
            new NpgsqlParameter<byte[]>("PayloadBinary", NpgsqlDbType.Bytea) { TypedValue = write.Payload },
        },
    };

    private async Task<string> WriteQueryAsync()
    {
        if (_writeQuery is { } known)
        {
            return known;
        }

        await _queryLoad.WaitAsync();
        try
        {
            if (_writeQuery is null)
            {
                await using var command = _dataSource.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = $1");
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WriteQueryKey });
                _writeQuery = await command.ExecuteScalarAsync() as string
                    ?? throw new InvalidOperationException($"OrleansQuery has no {WriteQueryKey}: apply the schema ('OrleansRemarks.Silo migrate').");
            }

            return _writeQuery;
        }
        finally
        {
            _queryLoad.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} state writes failed; every grain in it reloads its state.")]
    private partial void LogBatchFailed(Exception exception, int count);
}
