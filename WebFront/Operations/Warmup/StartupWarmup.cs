using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Operations.Warmup;

/// <summary>
/// Runs once the server listens: <see cref="WarmupOptions.Reads"/> first reads of warm-up owners, one
/// at a time, through this process's own query API on loopback (Kestrel, routing, access control,
/// the grain call, the grain's activation and its storage read: what a cold owner's read runs), then a
/// wait until the runtime's compiler has been quiet for a second, all within
/// <see cref="WarmupOptions.MaxSeconds"/>. Until it ends, <see cref="WarmupReadinessCheck"/> keeps
/// <c>/health/ready</c> at 503. The API answers meanwhile, like before; only the readiness waits.
/// </summary>
public sealed partial class StartupWarmup(
    IOptions<WarmupOptions> options,
    IOptions<ApiAccessOptions> apiAccess,
    WarmupProgress progress,
    IServer server,
    IClusterClient cluster,
    IHostApplicationLifetime lifetime,
    ILogger<StartupWarmup> logger) : BackgroundService
{
    /// <summary>A warm-up that meets this many failed reads in a row (storage or cluster down) stops reading.</summary>
    public const int MaxFailuresInARow = 10;

    private static readonly TimeSpan CompilerPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The compiler counts as quiet while it compiles at most this many methods per poll, for
    /// <see cref="QuietPolls"/> polls in a row. Not zero: timers, health checks and metric exports
    /// go on compiling a few methods now and then; the read path's backlog runs at 100-500 per poll.
    /// </summary>
    private const long QuietMethodsPerPoll = 25;

    private const int QuietPolls = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var started = Stopwatch.StartNew();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bound.CancelAfter(TimeSpan.FromSeconds(options.Value.MaxSeconds));
        var target = WarmupTarget.From(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        LogStarting(options.Value.Reads, target?.ToString() ?? "grain calls (no plain-HTTP listener)");
        var ending = "the compiler settled";
        try
        {
            await ReadAsync(target, bound.Token);
            await CompilerQuietAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            ending = $"the time bound of {options.Value.MaxSeconds} s (Warmup:MaxSeconds) was reached";
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var summary = $"Warmed up in {started.Elapsed.TotalSeconds:0.0} s: {progress.ReadsDone} first reads ({progress.ReadsFailed} failed), then {ending}.";
        progress.Complete(summary);
        LogDone(summary);
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ReadAsync(Uri? target, CancellationToken cancellationToken)
    {
        using var http = target is null ? null : new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };
        if (http is not null && apiAccess.Value.HasKeys)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiAccess.Value.Keys[0]);
        }

        var run = Guid.NewGuid().ToString("N");
        var failedInARow = 0;
        var viaHttp = http is not null;
        for (var read = 0; read < options.Value.Reads && failedInARow < MaxFailuresInARow; read++)
        {
            var owner = WarmupOwners.Id(run, read);
            var answer = viaHttp ? await ReadHttpAsync(http!, owner, read, cancellationToken) : await ReadGrainAsync(owner);
            if (answer == ReadAnswer.Unreachable && read == 0)
            {
                // The reported listener takes no connection (a test server has none): read through the cluster instead.
                LogListenerUnreachable(http!.BaseAddress!.ToString());
                viaHttp = false;
                answer = await ReadGrainAsync(owner);
            }

            var ok = answer == ReadAnswer.Answered;
            failedInARow = ok ? 0 : failedInARow + 1;
            progress.ReadDone(ok);
        }

        if (failedInARow >= MaxFailuresInARow)
        {
            LogStoppedReading(failedInARow);
        }
    }

    /// <summary>Three reads in four are single GETs, the fourth a lookup: both answer without a remark stored.</summary>
    private static async Task<ReadAnswer> ReadHttpAsync(HttpClient http, string owner, int index, CancellationToken cancellationToken)
    {
        var path = $"api/v1/users/{Uri.EscapeDataString(owner)}/remarks";
        using var request = index % 4 == 3
            ? new HttpRequestMessage(HttpMethod.Post, path + ":lookup")
            {
                Content = new StringContent("{\"friendUserIDs\":[\"f1\",\"f2\",\"f3\"]}", Encoding.UTF8, "application/json"),
            }
            : new HttpRequestMessage(HttpMethod.Get, $"{path}/f{index % 10}");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            // 404 (no such remark) is the expected answer; 401 or 429 still ran most of the path. 5xx did not reach storage.
            return (int)response.StatusCode < 500 ? ReadAnswer.Answered : ReadAnswer.Failed;
        }
        catch (HttpRequestException exception) when (exception.InnerException is System.Net.Sockets.SocketException)
        {
            return ReadAnswer.Unreachable;
        }
        catch (HttpRequestException)
        {
            return ReadAnswer.Failed;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ReadAnswer.Failed;
        }
    }

    private async Task<ReadAnswer> ReadGrainAsync(string owner)
    {
        try
        {
            await cluster.GetUserFriendsGrain(owner).GetRemarkAsync("f1");
            return ReadAnswer.Answered;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ReadAnswer.Failed;
        }
    }

    /// <summary>Returns once the runtime compiled almost nothing for <see cref="QuietPolls"/> polls in a row.</summary>
    private static async Task CompilerQuietAsync(CancellationToken cancellationToken)
    {
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var quiet = 0; quiet < QuietPolls;)
        {
            await Task.Delay(CompilerPoll, cancellationToken);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now - compiled <= QuietMethodsPerPoll ? quiet + 1 : 0;
            compiled = now;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warming up before ready: {Reads} first reads of warm-up owners through {Target}, then a wait for the compiler")]
    private partial void LogStarting(int reads, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up: {Target} takes no connection; the warm-up reads through the cluster instead")]
    private partial void LogListenerUnreachable(string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up stopped reading after {Failures} failed reads in a row (is storage or the cluster down?)")]
    private partial void LogStoppedReading(int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private partial void LogDone(string summary);

    private enum ReadAnswer
    {
        Answered,
        Failed,
        Unreachable,
    }
}
