using Microsoft.Extensions.Logging;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.Grains.Sync;

/// <summary>
/// One owner's background syncs, kept in its grain's memory: at most one running and one pending.
/// A trigger while one is pending joins it; a trigger while one runs makes one more follow it. The
/// sync itself runs off the grain's turn (<see cref="OwnerSynchronizer"/>), and reports back with
/// <see cref="IUserFriendsGrain.BackgroundSyncEndedAsync"/>. A failed sync is retried with back-off.
/// </summary>
public sealed partial class OwnerSyncSchedule(
    Grain grain,
    OwnerSynchronizer synchronizer,
    ReconcileOptions options,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>A run not reported back after this long (its silo died mid-run) no longer blocks the next.</summary>
    private static readonly TimeSpan RunLease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(5);

    /// <summary>Retries after failures in a row; then the sweep or the next trigger picks the owner up.</summary>
    private const int MaxRetries = 8;

    private IGrainTimer? _timer;
    private SyncTrigger _timerTrigger;
    private DateTimeOffset? _runningSince;
    private SyncTrigger? _pending;
    private int _failures;
    private long _run;
    private DateTimeOffset _lastFailureAt;

    public void AfterCallback() => Request(SyncTrigger.Callback, options.AfterCallbackDelay);

    public void OnRead(DateTimeOffset? lastSyncedAt)
    {
        var now = clock.GetUtcNow();
        if (_failures > 0 && now - _lastFailureAt < RetryDelay(_failures))
        {
            // OpenIM failed lately: the retry already scheduled comes first, reads do not add more.
            return;
        }

        if (lastSyncedAt is null || now - lastSyncedAt.Value > options.MaxStaleness)
        {
            Request(SyncTrigger.Stale, TimeSpan.Zero);
        }
    }

    public void Ended(long run, bool succeeded, bool followUp)
    {
        if (run != _run)
        {
            // A run that outlived its lease: a later one took its place and reports for itself.
            return;
        }

        _runningSince = null;
        _failures = succeeded ? 0 : _failures + 1;
        if (!succeeded)
        {
            _lastFailureAt = clock.GetUtcNow();
        }

        var next = followUp ? SyncTrigger.Retry : _pending;
        _pending = null;
        if (!succeeded && _failures <= MaxRetries)
        {
            Request(next ?? SyncTrigger.Retry, RetryDelay(_failures));
        }
        else if (succeeded && next is { } trigger)
        {
            Request(trigger, trigger is SyncTrigger.Retry or SyncTrigger.Callback ? options.AfterCallbackDelay : TimeSpan.Zero);
        }
    }

    /// <summary>A run is under way and within its lease.</summary>
    private bool Running => _runningSince is { } since && clock.GetUtcNow() - since < RunLease;

    private void Request(SyncTrigger trigger, TimeSpan delay)
    {
        if (Running)
        {
            _pending ??= trigger;
            return;
        }

        if (_timer is not null)
        {
            return;
        }

        _timerTrigger = trigger;
        _timer = grain.RegisterGrainTimer(static schedule => schedule.OnTimer(), this,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private Task OnTimer()
    {
        _timer?.Dispose();
        _timer = null;
        if (Running)
        {
            _pending ??= _timerTrigger;
            return Task.CompletedTask;
        }

        _runningSince = clock.GetUtcNow();
        var run = ++_run;
        var owner = UserFriendsGrainKey.OwnerOf(grain.GetPrimaryKeyString());
        var self = grain.AsReference<IUserFriendsGrain>();
        var trigger = _timerTrigger;
        // Off the grain's turn: the owner's callbacks and lookups go on while OpenIM answers.
        _ = Task.Run(async () =>
        {
            var succeeded = false;
            var followUp = false;
            // Ends before its lease does, so no second run of this owner starts beside it.
            using var deadline = new CancellationTokenSource(RunLease - TimeSpan.FromSeconds(15));
            try
            {
                followUp = (await synchronizer.RunAsync(owner, trigger, deadline.Token)).FollowUp;
                succeeded = true;
            }
            catch (Exception exception)
            {
                LogSyncFailed(exception, trigger);
            }

            try
            {
                await self.BackgroundSyncEndedAsync(run, succeeded, followUp);
            }
            catch (Exception exception)
            {
                // The lease ends the run for the schedule anyway.
                LogReportFailed(exception);
            }
        });
        return Task.CompletedTask;
    }

    private static TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Min(failures - 1, 10));
        return delay < LastRetry ? delay : LastRetry;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background sync ({Trigger}) with OpenIM failed; it is retried later")]
    private partial void LogSyncFailed(Exception exception, SyncTrigger trigger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A background sync could not report its end to its grain")]
    private partial void LogReportFailed(Exception exception);
}
