using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// Sends state updates of different grains to PostgreSQL together. Each batch is one round trip and
/// one implicit transaction: every update in it runs the schema's
/// <c>UpdateStringKeyStateBatchedKey</c> query with its own version check, and no caller hears
/// back before PostgreSQL committed the batch. A batch forms from whatever is waiting while earlier batches are in flight, so a lone
/// update is never delayed. Each batch runs under <see cref="StateWriteBatchingOptions.CommandTimeoutSeconds"/>; a batch
/// that failed on a dead connection (e.g. after a PostgreSQL restart) is sent once more on a fresh one; and each writer
/// loop is supervised: whatever escapes it fails the writes it held and the loop starts again.
/// </summary>
public sealed partial class StateWriteBatcher : IAsyncDisposable
{
    private const string WriteQueryKey = "UpdateStringKeyStateBatchedKey";

    private const string TogetherQueryKey = "WriteStringKeyStatesTogetherKey";

    /// <summary>The together query's parameters in the order this batcher sends them: <c>$1</c> is <c>ServiceId</c>, and so on.</summary>
    private static readonly string[] TogetherQueryParameters =
        ["ServiceId", "GrainIdExtensionString", "StateNames", "GrainStateVersions", "PayloadsBinary", "GrainTypeHashes"];

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly StateWriteBatchingOptions _options;
    private readonly ILogger<StateWriteBatcher> _logger;
    // An idle writer resumes on the enqueuing thread and sends the batch before that thread goes on,
    // instead of waiting for a thread-pool hop; everything after its first await runs on the pool.
    private readonly Channel<PendingStateWrite> _queue = Channel.CreateUnbounded<PendingStateWrite>(
        new UnboundedChannelOptions { AllowSynchronousContinuations = true });
    private readonly Task[] _writers;
    private string? _writeQuery;
    private string? _togetherQuery;

    public StateWriteBatcher(NpgsqlDataSource dataSource, string serviceId, StateWriteBatchingOptions options, ILogger<StateWriteBatcher> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommandTimeoutSeconds, 1);
        (_dataSource, _serviceId, _options, _logger) = (dataSource, serviceId, options, logger);
        _writers = [.. Enumerable.Range(0, options.MaxConcurrentBatches).Select(_ => Task.Run(SuperviseAsync))];
    }

    /// <summary>The version the update returned (one more than expected), or null when it was not applied.</summary>
    public Task<int?> WriteAsync(PendingStateWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(StateWriteBatcher));
        }

        return write.Completion.Task;
    }

    /// <summary>
    /// Writes every one of <paramref name="writes"/> (states of one grain) or none, in one statement
    /// and one round trip: the schema's <c>WriteStringKeyStatesTogetherKey</c>.
    /// A write's <see cref="PendingStateWrite.ExpectedVersion"/> is the stored version it requires,
    /// 0 for a state not stored yet, or <see cref="PendingStateWrite.AnyVersion"/> for one whose stored
    /// row, if any, is replaced. Each completes with its new version once the statement committed.
    /// </summary>
    /// <returns>False, with nothing written, when any write's requirement did not hold.</returns>
    public async Task<bool> WriteTogetherAsync(IReadOnlyList<PendingStateWrite> writes)
    {
        // The batches' row order for the updates (the function updates stored states first, then
        // creates the others). A batch holds at most one row of a grain (its one activation writes
        // one bucket at a time), so it never waits on this statement's rows in opposite order.
        var ordered = writes.OrderBy(write => write.Row).ToList();
        if (ordered.Select(write => write.Row).Distinct().Count() != ordered.Count)
        {
            throw new ArgumentException("A state may be written only once in a write together.", nameof(writes));
        }

        var query = _togetherQuery ??= await WriteQueryText.LoadPositionalAsync(_dataSource, TogetherQueryKey, TogetherQueryParameters).ConfigureAwait(false);
        var command = _dataSource.CreateCommand(query);
        await using var _ = command.ConfigureAwait(false);
        command.CommandTimeout = _options.CommandTimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = ordered[0].Row.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. ordered.Select(write => write.Row.StateName)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = [.. ordered.Select(write => write.ExpectedVersion)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, TypedValue = [.. ordered.Select(write => write.Payload.ToArray())] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = [.. ordered.Select(write => write.GrainTypeHash)] });

        var versions = new Dictionary<string, int>(ordered.Count, StringComparer.Ordinal);
        var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                versions[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        if (versions.Count == 0)
        {
            return false;
        }

        foreach (var write in ordered)
        {
            write.Completion.TrySetResult(versions[write.Row.StateName]);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    /// <summary>Runs one writer loop until the queue is completed, starting it again whenever something escapes it.</summary>
    private async Task SuperviseAsync()
    {
        while (true)
        {
            try
            {
                await WriteBatchesAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception exception)
            {
                try
                {
                    LogWriterRestarted(exception);
                }
                catch (Exception)
                {
                    // Not even a broken log sink may end the writer loop: its grains would wait forever.
                }
            }
        }
    }

    /// <remarks>Every await here and below uses ConfigureAwait(false): this may start on a grain's thread.</remarks>
    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingStateWrite>(_options.MaxBatchSize);
        var connection = new WriterConnection(_dataSource);
        await using var _ = connection.ConfigureAwait(false);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                if (batch.Count > 0)
                {
                    await WriteBatchAsync(connection, batch).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                // No write may wait forever for a loop that stopped: fail what is still open, then restart.
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(exception);
                }

                throw;
            }
            finally
            {
                batch.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(WriterConnection connection, List<PendingStateWrite> batch)
    {
        int?[] versions;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // One order for every batch: two batches never wait on each other's rows in opposite order.
                batch.Sort((left, right) => left.Row.CompareTo(right.Row));
                var query = await WriteQueryAsync().ConfigureAwait(false);
                versions = await ExecuteAsync(await connection.OpenAsync().ConfigureAwait(false), batch, query).ConfigureAwait(false);
                break;
            }
            catch (Exception exception) when (attempt == 1 && IsDeadConnection(exception))
            {
                // A connection that died while idle (PostgreSQL restarted): the batch went to a socket
                // nobody answers. Sending it again is safe even if it had been applied: every update
                // checks its version, so a second application finds none and reads as a conflict,
                // and that grain reloads. Idle pooled connections are just as dead: drop them all.
                await DropAsync(connection).ConfigureAwait(false);
                _dataSource.Clear();
                LogBatchRetried(exception, batch.Count);
            }
            catch (Exception exception)
            {
                await DropAsync(connection).ConfigureAwait(false);
                LogBatchFailed(exception, batch.Count);
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(exception);
                }

                return;
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(versions[i]);
        }
    }

    /// <summary>An I/O failure of the connection itself, not an error or a timeout PostgreSQL reported.</summary>
    private static bool IsDeadConnection(Exception exception) =>
        exception is NpgsqlException and not PostgresException
        && exception.InnerException is IOException or System.Net.Sockets.SocketException;

    private async Task DropAsync(WriterConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogDropFailed(exception);
        }
    }

    private async Task<int?[]> ExecuteAsync(NpgsqlConnection connection, List<PendingStateWrite> batch, string query)
    {
        var command = new NpgsqlBatch(connection) { Timeout = _options.CommandTimeoutSeconds };
        await using var _ = command.ConfigureAwait(false);
        foreach (var write in batch)
        {
            command.BatchCommands.Add(Command(query, write));
        }

        var versions = new int?[batch.Count];
        var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync().ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"The write query returned {i} results for a batch of {batch.Count}.");
                }

                // One row (the new version, never NULL) when applied, none when not.
                versions[i] = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt32(0) : null;
            }
        }

        // The reader is closed only once PostgreSQL reported the batch's implicit transaction committed.
        return versions;
    }

    /// <summary>Parameters in the positional order <see cref="WriteQueryText"/> gives the query.</summary>
    private NpgsqlBatchCommand Command(string query, PendingStateWrite write) => new(query)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = write.Row.StateName },
            new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = write.Row.GrainKey },
            new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = _serviceId },
            new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = write.ExpectedVersion },
            new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = write.Payload },
        },
    };

    /// <remarks>Writers starting together may each load it once; they all get the same text.</remarks>
    private async Task<string> WriteQueryAsync() => _writeQuery ??= await WriteQueryText.LoadPositionalAsync(_dataSource, WriteQueryKey).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} state writes failed; every grain in it reloads its state.")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} state writes failed on a dead connection; it is sent once more on a fresh one.")]
    private partial void LogBatchRetried(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing a failed batch writer connection failed.")]
    private partial void LogDropFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A state write batcher loop failed; its writes failed and it starts again.")]
    private partial void LogWriterRestarted(Exception exception);
}
