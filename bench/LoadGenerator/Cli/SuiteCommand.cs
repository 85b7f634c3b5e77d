using Npgsql;
using OrleansRemarks.Bench.LoadGenerator.Http;
using OrleansRemarks.Bench.LoadGenerator.Measure;
using OrleansRemarks.Bench.LoadGenerator.Phases;
using OrleansRemarks.Bench.LoadGenerator.Postgres;
using OrleansRemarks.Bench.LoadGenerator.Results;
using OrleansRemarks.Bench.LoadGenerator.Workload;

namespace OrleansRemarks.Bench.LoadGenerator.Cli;

/// <summary>
/// All phases against one receiver (ours or the baseline): ingest at full speed, ingest at half that
/// rate (optional), before-set-remark callbacks at the ingest rate (optional, ours only), single GETs,
/// 100-ID lookups, the large-owner phase (optional), then read-back.
/// </summary>
public static class SuiteCommand
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var settings = SuiteSettings.From(options);
        using var http = BenchHttp.Create(new Uri(settings.Url), settings.Connections + 4);
        var api = new RemarkApiClient(http);
        await using var measured = new RawRemarkApi(new Uri(settings.Url), settings.Connections);
        var ledger = new Ledger((settings.Owners * settings.FriendsPerOwner) + (2 * settings.LargeFriends) + settings.SmallFriends);
        var ingest = new IngestWorkload(measured, ledger, settings.Owners, settings.FriendsPerOwner, settings.Connections);

        var primed = DateTime.UtcNow;
        var primeFailures = await ingest.PrimeAsync();
        Progress($"primed {settings.Owners} owners in {(DateTime.UtcNow - primed).TotalSeconds:0.0} s ({primeFailures} failed)");

        // --ingest-rate R replaces the full-speed phase with R callbacks/s (for measuring CPU per callback).
        var peak = await PhaseAsync(() => settings.IngestRate > 0
            ? OpenLoop.RunAsync("ingest", settings.Connections, settings.IngestRate, settings.Warmup, settings.Duration, ingest.SendAsync)
            : ClosedLoop.RunAsync("ingest", settings.Connections, settings.Warmup, settings.Duration, ingest.SendAsync));
        PhaseResult? halfPeak = null;
        if (settings.HalfPeakDuration > TimeSpan.Zero && peak.PerSecond > 0)
        {
            halfPeak = await PhaseAsync(() => OpenLoop.RunAsync(
                "ingest at half peak", settings.Connections, peak.PerSecond / 2, settings.ShortWarmup, settings.HalfPeakDuration, ingest.SendAsync));
        }

        // --before-callbacks: OpenIM's before-set-remark callback against the remark policy, at the ingest phase's rate.
        PhaseResult? beforeCallback = null;
        if (settings.BeforeCallbackPhase && peak.PerSecond > 0)
        {
            var before = new BeforeCallbackWorkload(measured, settings.Owners, settings.FriendsPerOwner, settings.Connections);
            beforeCallback = await PhaseAsync(() => OpenLoop.RunAsync(
                "before-callback at the ingest rate", settings.Connections, peak.PerSecond, settings.ShortWarmup, settings.ReadDuration, before.SendAsync));
        }

        var reads = new ReadWorkload(measured, ledger, settings.FriendsPerOwner, settings.LookupIds, settings.Connections);
        var get = await PhaseAsync(() => ClosedLoop.RunAsync("get", settings.Connections, settings.ShortWarmup, settings.ReadDuration, reads.GetAsync));
        var lookup = await PhaseAsync(() => ClosedLoop.RunAsync(
            $"lookup {settings.LookupIds}", settings.Connections, settings.ShortWarmup, settings.ReadDuration, reads.LookupAsync));

        LargeOwnerResult? largeOwner = null;
        if (settings.LargeFriends > 0)
        {
            await using var postgres = NpgsqlDataSource.Create(settings.PostgresConnectionString
                ?? throw new ArgumentException("--pg is required for the large-owner phase."));
            Progress($"large owner: seeding {settings.LargeFriends} (twice: ASCII and Chinese remarks) and {settings.SmallFriends} friends, then {settings.LargeChanges} changes each");
            largeOwner = await new LargeOwnerPhase(api, ledger, new WalMeter(postgres))
                .RunAsync(settings.LargeFriends, settings.SmallFriends, settings.LargeChanges);
            Progress($"large owner: p50 {largeOwner.Large.P50Ms} ms vs {largeOwner.Small.P50Ms} ms, WAL {largeOwner.Large.WalBytesMedian} B vs {largeOwner.Small.WalBytesMedian} B per change");
            Progress($"large owner, Chinese remarks: p50 {largeOwner.NonAscii?.P50Ms} ms, WAL {largeOwner.NonAscii?.WalBytesMedian} B per change, stored {largeOwner.NonAscii?.StoredBytes} B");
            Progress($"large owner, unchanged with an operationID: p50 {largeOwner.UnchangedWithOperationId?.P50Ms} ms, WAL {largeOwner.UnchangedWithOperationId?.WalBytesMedian} B");
        }

        Progress($"read-back: {ledger.PairCount} pairs, {ledger.Acknowledged} acknowledged callbacks");
        var readBack = await ReadBack.RunAsync(api, ledger, parallelism: 16);
        Progress($"read-back: lost {readBack.Lost}, unreadable {readBack.Unreadable} ({readBack.Seconds} s)");

        var result = new SuiteResult(
            settings.Target, settings.Connections, settings.Owners, settings.FriendsPerOwner, peak, halfPeak, get, lookup, largeOwner, readBack,
            beforeCallback);
        await ResultFiles.WriteAsync(settings.Output, result, BenchJsonContext.Default.SuiteResult);
        return readBack.Lost > 0 ? 1 : readBack.Unreadable > 0 ? CommandDispatcher.BrokenRunExitCode : 0;
    }

    private static async Task<PhaseResult> PhaseAsync(Func<Task<PhaseResult>> run)
    {
        var result = await run();
        Progress($"{result.Name}: {result.PerSecond}/s, p50 {result.P50Ms} ms, p99 {result.P99Ms} ms, errors {result.Errors}"
            + (result.TargetRatePerSecond is { } rate ? $" (target rate {rate}/s)" : ""));
        return result;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[loadgen {DateTime.Now:HH:mm:ss}] {message}");
}
