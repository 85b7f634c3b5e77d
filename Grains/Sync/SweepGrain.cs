using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.Grains.Sync;

/// <summary>The sweep's durable position and tallies (state <c>sweep.openim</c>); times are UTC milliseconds, 0 for none.</summary>
public sealed record SweepState
{
    [JsonPropertyName("n")] public long Number { get; init; }

    [JsonPropertyName("running")] public bool Running { get; init; }

    [JsonPropertyName("started")] public long StartedAtUnixMs { get; init; }

    [JsonPropertyName("finished")] public long FinishedAtUnixMs { get; init; }

    [JsonPropertyName("next")] public long NextStartUnixMs { get; init; }

    /// <summary>The page of <c>/user/get_all_users_uid</c> being worked through (from 1), and how far into it.</summary>
    [JsonPropertyName("page")] public int PageNumber { get; init; } = 1;

    [JsonPropertyName("index")] public int IndexInPage { get; init; }

    [JsonPropertyName("done")] public long OwnersDone { get; init; }

    [JsonPropertyName("total")] public long Total { get; init; }

    [JsonPropertyName("changes")] public long ChangesFound { get; init; }

    [JsonPropertyName("errors")] public long Errors { get; init; }

    [JsonPropertyName("fullRate")] public bool FullRate { get; init; }

    [JsonPropertyName("lastError")] public string? LastError { get; init; }

    [JsonPropertyName("lastErrorAt")] public long LastErrorAtUnixMs { get; init; }
}

/// <summary>
/// Syncs every OpenIM user once per <c>Reconcile:Interval</c>, spread over the interval (or at full
/// rate for a backfill), by handing owners to the <see cref="IOwnerSyncGrain.Workers"/> workers that
/// Orleans places over the silos. Its position is stored after every step, so a sweep whose silo
/// dies goes on where it stopped on another silo (every silo wakes it, <see cref="SweepKeeper"/>).
/// </summary>
public sealed partial class SweepGrain(
    [PersistentState(StateNames.Sweep, RemarkStorage.ProviderName)] IPersistentState<SweepState> state,
    IServiceProvider services,
    IOptions<OpenImOptions> openIm,
    IOptions<ReconcileOptions> reconcile,
    TimeProvider clock,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    /// <summary>User IDs asked for per page (OpenIM caps array sizes at 1,000).</summary>
    public const int PageSize = 500;

    /// <summary>The longest user ID the service keys (the web front refuses longer ones too).</summary>
    private const int MaxUserIdLength = 256;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    /// <summary>Tries of an owner whose sync fails for a reason of its own (not OpenIM or storage being down) before the sweep moves past it.</summary>
    private const int TriesBeforeSkipping = 3;

    private IReadOnlyList<string>? _page;
    private int _pageNumber;
    private int _failuresInARow;
    private DateTimeOffset _pausedUntil;
    private string? _stuckOwner;
    private int _stuckTries;

    private bool Configured => openIm.Value.IsConfigured;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Configured)
        {
            this.RegisterGrainTimer(static (sweep, _) => sweep.StepAsync(), this,
                new GrainTimerCreationOptions(Tick, Tick) { KeepAlive = true, Interleave = false });
        }

        return Task.CompletedTask;
    }

    public Task EnsureRunningAsync() => Task.CompletedTask;

    public async Task<SweepStatus> StartNowAsync()
    {
        if (!Configured)
        {
            return Status();
        }

        state.State = state.State.Running
            ? state.State with { FullRate = true }
            : state.State with { FullRate = true, NextStartUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds() };
        _pausedUntil = default;
        await state.WriteStateAsync();
        return Status();
    }

    public Task<SweepStatus> GetStatusAsync() => Task.FromResult(Status());

    private SweepStatus Status()
    {
        var s = state.State;
        return new SweepStatus(
            Configured, s.Running, s.Number, Time(s.StartedAtUnixMs), Time(s.FinishedAtUnixMs), s.OwnersDone, s.Total,
            s.ChangesFound, s.Errors, Configured ? Time(s.NextStartUnixMs) : null, s.LastError, Time(s.LastErrorAtUnixMs), s.FullRate);
    }

    private static DateTimeOffset? Time(long unixMs) => unixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs) : null;

    private async Task StepAsync()
    {
        var now = clock.GetUtcNow();
        if (now < _pausedUntil || services.GetService<OwnerSynchronizer>() is null)
        {
            return;
        }

        var s = state.State;
        if (!s.Running)
        {
            if (now.ToUnixTimeMilliseconds() < s.NextStartUnixMs)
            {
                return;
            }

            s = new SweepState { Number = s.Number + 1, Running = true, StartedAtUnixMs = now.ToUnixTimeMilliseconds(), FullRate = s.FullRate };
            _page = null;
            state.State = s;
            await state.WriteStateAsync();
            LogStarted(s.Number, s.FullRate);
        }

        try
        {
            await AdvanceAsync(now);
            _failuresInARow = 0;
        }
        catch (Exception exception)
        {
            if (exception is Orleans.Storage.InconsistentStateException)
            {
                // Another activation of the sweep wrote meanwhile (a membership change): take up what it stored.
                await state.ReadStateAsync();
                _page = null;
            }

            // OpenIM (or storage) is down: nothing moves on; try again after a growing pause.
            _failuresInARow++;
            _pausedUntil = now + TimeSpan.FromSeconds(Math.Min(LongestPause.TotalSeconds, Math.Pow(2, _failuresInARow)));
            state.State = state.State with { LastError = exception.Message, LastErrorAtUnixMs = now.ToUnixTimeMilliseconds() };
            LogStepFailed(exception, _pausedUntil);
        }
    }

    private async Task AdvanceAsync(DateTimeOffset now)
    {
        var s = state.State;
        var settings = reconcile.Value;
        if (_page is null || _pageNumber != s.PageNumber)
        {
            var synchronizer = services.GetRequiredService<OwnerSynchronizer>();
            var page = await synchronizer.ListUsersAsync(s.PageNumber, PageSize, CancellationToken.None);
            _page = page.UserIds ?? [];
            _pageNumber = s.PageNumber;
            state.State = s = s with { Total = Math.Max(page.Total, s.OwnersDone + _page.Count - s.IndexInPage) };
        }

        // Spread over the interval: by now this share of all owners should be done (a backfill
        // goes as fast as the cluster's budget of OpenIM calls allows).
        var due = settings.MaxRequestsPerSecond;
        if (!s.FullRate)
        {
            var share = Math.Min(1.0, (now.ToUnixTimeMilliseconds() - s.StartedAtUnixMs) / settings.Interval.TotalMilliseconds);
            due = (int)Math.Clamp((long)Math.Floor(share * s.Total) - s.OwnersDone, 0, settings.MaxRequestsPerSecond);
        }

        var owners = _page.Skip(s.IndexInPage).Take(due).ToList();
        var results = await Task.WhenAll(owners.Select(SyncOneAsync));
        var done = 0;
        long changes = 0;
        long errors = 0;
        string? lastError = null;
        for (var i = 0; i < results.Length; i++)
        {
            var result = results[i];
            if (result.Retry && !(result.Skippable && StuckOn(owners[i])))
            {
                // OpenIM or storage did not answer for this owner: stop here, it is retried after a pause.
                lastError = result.Error;
                break;
            }

            if (result.Retry)
            {
                // This owner failed for a reason of its own several times in a row: count it, move on.
                errors++;
                lastError = $"{owners[i]}: {result.Error} (skipped after {TriesBeforeSkipping} tries)";
                done++;
                continue;
            }

            done++;
            changes += result.Changes;
            if (result.Error is not null)
            {
                errors++;
                lastError = result.Error;
            }
        }

        var index = s.IndexInPage + done;
        s = s with { IndexInPage = index, OwnersDone = s.OwnersDone + done, ChangesFound = s.ChangesFound + changes, Errors = s.Errors + errors };
        if (lastError is not null)
        {
            s = s with { LastError = lastError, LastErrorAtUnixMs = now.ToUnixTimeMilliseconds() };
        }

        if (done < owners.Count)
        {
            state.State = s;
            await state.WriteStateAsync();
            throw new OpenImApiException("sweep", 0, lastError ?? "An owner's sync failed.");
        }

        if (index >= _page.Count)
        {
            if (_page.Count < PageSize)
            {
                var interval = (long)settings.Interval.TotalMilliseconds;
                var nowMs = now.ToUnixTimeMilliseconds();
                s = s with
                {
                    Running = false,
                    FinishedAtUnixMs = nowMs,
                    Total = s.OwnersDone,
                    NextStartUnixMs = s.FullRate ? nowMs + interval : Math.Max(s.StartedAtUnixMs + interval, nowMs),
                    FullRate = false,
                };
                LogFinished(s.Number, s.OwnersDone, s.ChangesFound, s.Errors);
            }
            else
            {
                s = s with { PageNumber = s.PageNumber + 1, IndexInPage = 0 };
            }
        }

        if (s != state.State)
        {
            state.State = s;
            await state.WriteStateAsync();
        }
    }

    /// <summary>True once <paramref name="ownerUserId"/> has failed <see cref="TriesBeforeSkipping"/> times in a row.</summary>
    private bool StuckOn(string ownerUserId)
    {
        _stuckTries = ownerUserId == _stuckOwner ? _stuckTries + 1 : 1;
        _stuckOwner = ownerUserId;
        if (_stuckTries < TriesBeforeSkipping)
        {
            return false;
        }

        _stuckOwner = null;
        return true;
    }

    /// <returns>
    /// Retry: the owner is not done. Skippable: it failed for a reason of its own (a reply that does
    /// not parse, a 4xx, a position that kept moving), so after a few tries the sweep moves past it;
    /// otherwise (OpenIM or storage down) the sweep waits for it however long it takes.
    /// </returns>
    private async Task<(int Changes, string? Error, bool Retry, bool Skippable)> SyncOneAsync(string ownerUserId)
    {
        if (ownerUserId.Length > MaxUserIdLength || ownerUserId.Any(char.IsControl))
        {
            // OpenIM registers letters, digits and '_' only: such an ID cannot be keyed or stored here.
            return (0, $"skipped a user ID of {ownerUserId.Length} characters that is too long or holds control characters", false, false);
        }

        try
        {
            var result = await GrainFactory.GetOwnerSyncWorker(ownerUserId).SyncAsync(ownerUserId, SyncTrigger.Sweep);
            return result switch
            {
                { Report: { } report } => (report.Changes, null, false, false),
                // OpenIM refused this owner (e.g. not found): skip it, count it.
                { OpenImErrCode: >= 1000 } => (0, $"{ownerUserId}: {result.OpenImError}", false, false),
                { OpenImErrCode: 0 or 429 or (>= 500 and < 1000) } => (0, result.OpenImError ?? "Reconciliation is not configured on the silo that ran the sync.", true, false),
                _ => (0, result.OpenImError, true, true),
            };
        }
        catch (Exception failure)
        {
            // Storage or the cluster: retried after a pause like OpenIM's failures.
            return (0, failure.Message, true, false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenIM sweep {Number} started (full rate: {FullRate})")]
    private partial void LogStarted(long number, bool fullRate);

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenIM sweep {Number} finished: {Owners} owners, {Changes} changes found, {Errors} errors")]
    private partial void LogFinished(long number, long owners, long changes, long errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenIM sweep paused until {PausedUntil:o}")]
    private partial void LogStepFailed(Exception exception, DateTimeOffset pausedUntil);
}

/// <summary>Wakes the sweep from every silo now and then, so it runs on whichever silos are alive.</summary>
public sealed partial class SweepKeeper(IGrainFactory grains, ILogger<SweepKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await grains.GetGrain<ISweepGrain>(ISweepGrain.Key).EnsureRunningAsync().WaitAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogWakeFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not wake the OpenIM sweep; trying again shortly")]
    private partial void LogWakeFailed(Exception exception);
}
