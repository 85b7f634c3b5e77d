using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace OrleansRemarks.Grains.Sync;

/// <summary>
/// Registers reconciliation with OpenIM on a silo. The settings are always validated at start;
/// the OpenIM client, the synchronizer and the sweep's keeper are added only when
/// <c>OpenIM:ApiUrl</c> is set. Without it the silo runs callback-only and says so once.
/// </summary>
public static partial class OpenImSyncRegistration
{
    /// <summary>Per attempt: OpenIM answers these calls in milliseconds.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>All attempts of one call together.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(20);

    public static ISiloBuilder AddOpenImSync(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<OpenImOptions>().Bind(configuration.GetSection(OpenImOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ReconcileOptions>().Bind(configuration.GetSection(ReconcileOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenImOptions>, OpenImOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReconcileOptions>, ReconcileOptionsValidator>());

        var openIm = configuration.GetSection(OpenImOptions.SectionName).Get<OpenImOptions>() ?? new OpenImOptions();
        if (!openIm.IsConfigured)
        {
            services.AddHostedService<CallbackOnlyWarning>();
            return silo;
        }

        services.TryAddSingleton<SyncMetrics>();
        services.TryAddSingleton<IOpenImTokenSource, ClusterAdminToken>();
        services.TryAddSingleton<OpenImCallBudget>();
        services.TryAddSingleton<OwnerSynchronizer>();
        services.AddHostedService<SweepKeeper>();
        services.AddHttpClient<OpenImApiClient>((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<OpenImOptions>>().Value.BaseAddress;
                // The resilience handler's timeouts govern; this one only must not cut them short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("openim", pipeline =>
            {
                pipeline.AddTimeout(TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    ShouldHandle = args => IsTransientAsync(args.Outcome),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(10),
                    ShouldHandle = args => IsTransientAsync(args.Outcome),
                });
                pipeline.AddTimeout(AttemptTimeout);
            });
        return silo;
    }

    /// <summary>
    /// Transport errors, HTTP 408/429/5xx, and HTTP 200 replies whose errCode is one of OpenIM's
    /// transport failures (gRPC codes below 100, e.g. 8 or 14) or its limiter's 429.
    /// </summary>
    public static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or IOException;
        }

        var response = outcome.Result!;
        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync();
        var errCode = ReadErrCode(await response.Content.ReadAsByteArrayAsync());
        return errCode is > 0 and < 100 or 429;
    }

    private static int? ReadErrCode(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errCode", out var code)
                && code.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed partial class CallbackOnlyWarning(ILogger<CallbackOnlyWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogCallbackOnly();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "OpenIM:ApiUrl is not set: running callback-only. Remarks edited through OpenIM's /friend/update_friends (what current client SDKs use) send no callback and will not be seen here; set OpenIM:ApiUrl and OpenIM:Secret to reconcile with OpenIM.")]
        private partial void LogCallbackOnly();
    }
}
