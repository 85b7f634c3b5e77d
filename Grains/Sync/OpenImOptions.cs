using Microsoft.Extensions.Options;

namespace OrleansRemarks.Grains.Sync;

/// <summary>
/// Where OpenIM's REST API is and how to get an admin token for it (section <c>OpenIM</c>). Without
/// <see cref="ApiUrl"/> the service runs callback-only.
/// </summary>
public sealed class OpenImOptions
{
    public const string SectionName = "OpenIM";

    /// <summary>OpenIM's API base URL, e.g. <c>http://openim-server:10002</c>; empty: reconciliation off.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>OpenIM's <c>share.secret</c>, sent to <c>/auth/get_admin_token</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>An admin user ID of OpenIM's admin list; give this service its own (a second login ends the first token on current OpenIM).</summary>
    public string AdminUserID { get; set; } = "imAdmin";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiUrl);

    public Uri BaseAddress => new(ApiUrl!.TrimEnd('/') + "/");
}

public sealed class OpenImOptionsValidator : IValidateOptions<OpenImOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenImOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query))
        {
            failures.Add("OpenIM:ApiUrl must be an absolute http(s) URL without a query string, e.g. http://openim-server:10002.");
        }

        if (string.IsNullOrEmpty(options.Secret))
        {
            // The value itself is never echoed: it is a secret.
            failures.Add("OpenIM:Secret must be set when OpenIM:ApiUrl is (OpenIM's share.secret).");
        }

        if (string.IsNullOrWhiteSpace(options.AdminUserID))
        {
            failures.Add("OpenIM:AdminUserID must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>When owners are synced with OpenIM (section <c>Reconcile</c>); used only when <see cref="OpenImOptions.IsConfigured"/>.</summary>
public sealed class ReconcileOptions
{
    public const string SectionName = "Reconcile";

    /// <summary>How long after an after-set-remark or after-delete callback its owner is synced.</summary>
    public TimeSpan AfterCallbackDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A read of an owner last synced longer ago than this starts a sync in the background.</summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweep syncs every OpenIM user; each sweep is spread over this time.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>OpenIM calls per second that background syncs may make, for the whole cluster.</summary>
    public int MaxRequestsPerSecond { get; set; } = 20;
}

public sealed class ReconcileOptionsValidator : IValidateOptions<ReconcileOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconcileOptions options)
    {
        var failures = new List<string>();
        if (options.AfterCallbackDelay < TimeSpan.Zero || options.AfterCallbackDelay > TimeSpan.FromHours(1))
        {
            failures.Add("Reconcile:AfterCallbackDelay must be from 00:00:00 to 01:00:00.");
        }

        if (options.MaxStaleness <= TimeSpan.Zero)
        {
            failures.Add("Reconcile:MaxStaleness must be positive (TimeSpan, e.g. 00:05:00).");
        }

        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Reconcile:Interval must be at least 00:00:01 (TimeSpan, e.g. 1.00:00:00).");
        }

        if (options.MaxRequestsPerSecond is < 1 or > 10_000)
        {
            failures.Add("Reconcile:MaxRequestsPerSecond must be from 1 to 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
