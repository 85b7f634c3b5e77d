using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

/// <summary>Who may call the query API and open the dashboard (section <c>Api</c>).</summary>
public sealed class ApiAccessOptions
{
    public const string SectionName = "Api";

    public const int ShortestKey = 16;

    public const int LongestKey = 512;

    /// <summary>
    /// Accepted API keys (<c>Api:Keys:0</c>, <c>Api:Keys:1</c>, …; several allow a rotation). When any
    /// is set, every query API request needs <c>Authorization: Bearer &lt;key&gt;</c>, and the
    /// dashboard, unless it has keys of its own (<c>Dashboard:Keys</c>), is served to operators who present one of them.
    /// </summary>
    public string[] Keys { get; set; } = [];

    /// <summary>
    /// Serve the query API without keys on a non-loopback address. Without keys and without this, the
    /// web front refuses to start unless it listens on loopback only. Ignored when keys are set.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    public bool HasKeys => Keys.Length > 0;
}

/// <summary>
/// Checks the keys' form (never echoing one) and that a web front without keys is not reachable
/// from other machines unless <c>Api:AllowAnonymous</c> says so explicitly.
/// </summary>
public sealed class ApiAccessOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiAccessOptions>
{
    private const string Section = ApiAccessOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ApiAccessOptions options)
    {
        var failures = new List<string>();
        for (var index = 0; index < options.Keys.Length; index++)
        {
            if (!IsValidKey(options.Keys[index]))
            {
                failures.Add(KeyFormatFailure($"{Section}:Keys:{index}"));
            }
        }

        if (!options.HasKeys && !options.AllowAnonymous && ListenAddresses.NonLoopback(configuration) is [_, ..] exposed)
        {
            failures.Add(
                $"{Section}:Keys is empty but the web front would listen on {string.Join(", ", exposed)}, which is not loopback only: " +
                $"set an API key ({Section}:Keys:0, environment variable {Section}__Keys__0), or set {Section}:AllowAnonymous=true " +
                "to serve the query API without authentication on purpose.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static string KeyFormatFailure(string key) =>
        $"{key} must be {ApiAccessOptions.ShortestKey} to {ApiAccessOptions.LongestKey} characters of " +
        "letters, digits and \"-._~+/\" (optionally ending in \"=\"), e.g. the output of \"openssl rand -hex 32\".";

    /// <summary>An RFC 6750 bearer token (token68): it travels unchanged in an Authorization header.</summary>
    public static bool IsValidKey(string? key)
    {
        if (key is null || key.Length is < ApiAccessOptions.ShortestKey or > ApiAccessOptions.LongestKey)
        {
            return false;
        }

        var body = key.TrimEnd('=');
        return body.Length > 0 && body.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_' or '~' or '+' or '/');
    }
}

/// <summary>
/// Who may open the Orleans dashboard (section <c>Dashboard</c>). Operators and query API readers are
/// different people: the dashboard shows grain state and the live log, so it can have keys of its own.
/// </summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Operator keys (<c>Dashboard:Keys:0</c>, …), in the same form as <c>Api:Keys</c>. When none is
    /// set, the dashboard falls back to <c>Api:Keys</c>; when neither is set, it is not served.
    /// </summary>
    public string[] Keys { get; set; } = [];

    /// <summary>The keys that open the dashboard: its own, else the query API's.</summary>
    public static IReadOnlyList<string> OperatorKeys(DashboardAccessOptions dashboard, ApiAccessOptions api) =>
        dashboard.Keys.Length > 0 ? dashboard.Keys : api.Keys;
}

/// <summary>Checks the form of the dashboard's keys, never echoing one.</summary>
public sealed class DashboardAccessOptionsValidator : IValidateOptions<DashboardAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options)
    {
        var failures = new List<string>();
        for (var index = 0; index < options.Keys.Length; index++)
        {
            if (!ApiAccessOptionsValidator.IsValidKey(options.Keys[index]))
            {
                failures.Add(ApiAccessOptionsValidator.KeyFormatFailure($"{DashboardAccessOptions.SectionName}:Keys:{index}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
