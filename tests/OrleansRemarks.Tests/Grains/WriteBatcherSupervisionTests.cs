using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Grains;

/// <summary>A writer loop that something escapes is started again, so no write waits forever.</summary>
public sealed class WriteBatcherSupervisionTests
{
    [Fact]
    public async Task After_an_exception_escapes_a_batch_the_next_writes_are_still_answered()
    {
        // Nothing listens on this port: every batch fails, and the failure's log line throws
        // (a broken log sink), so the exception escapes the batch and its writer loop.
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreeTcpPort.Next()};Username=nobody;Password=x;Database=none;Timeout=2");
        var logger = new ThrowingLogger();
        var batcher = new StateWriteBatcher(dataSource, "supervision", new StateWriteBatchingOptions { MaxConcurrentBatches = 1 }, logger);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var write = batcher.WriteAsync(new PendingStateWrite(new StateRowKey("userfriends.bucket.0", "u/owner-" + i), 1, new byte[] { 0x7b, 0x7d }));
                // One writer loop only: if the first failure had ended it, this write would never be answered.
                var failure = await Assert.ThrowsAnyAsync<Exception>(() => write.WaitAsync(TimeSpan.FromSeconds(60)));
                Assert.IsNotType<TimeoutException>(failure);
            }

            Assert.True(logger.Thrown >= 3, $"the log sink threw {logger.Thrown} times");
        }
        finally
        {
            await batcher.DisposeAsync();
        }
    }

    private sealed class ThrowingLogger : ILogger<StateWriteBatcher>
    {
        private int _thrown;

        public int Thrown => Volatile.Read(ref _thrown);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Interlocked.Increment(ref _thrown);
                throw new InvalidOperationException("the log sink is down");
            }
        }
    }
}
