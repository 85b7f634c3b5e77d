using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>Where and how OpenIM's webhook callbacks are received.</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callback";

    /// <summary>OpenIM's default <c>webhooks.yml</c> URL is <c>http://127.0.0.1:10006/callbackExample</c>.</summary>
    public const string DefaultBasePath = "/callbackExample";

    public const int DefaultMaxBodyBytes = 64 * 1024;

    public const int LargestMaxBodyBytes = 16 * 1024 * 1024;

    public const int ShortestSecret = 16;

    public const int DefaultMaxRemarkBytes = 4096;

    public const int SmallestMaxRemarkBytes = 256;

    public const int LargestMaxRemarkBytes = 64 * 1024;

    public const int DefaultTimeoutSeconds = 10;

    /// <summary>Orleans' own response timeout is 30 s: a longer wait would never be reached.</summary>
    public const int LongestTimeoutSeconds = 30;

    /// <summary>Path the callbacks are posted under; OpenIM appends <c>/{command}</c>.</summary>
    public string BasePath { get; set; } = DefaultBasePath;

    /// <summary>
    /// Optional shared secret. When set, only <c>{BasePath}/{Secret}/{command}</c> is served and every
    /// other callback path answers 404. OpenIM cannot send headers or query strings with a callback,
    /// so a path segment is the only place for it. Unset or "" means no secret.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Larger callback bodies are rejected unread (OpenIM's are a few hundred bytes).</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Longer remarks (in UTF-8 bytes) are refused with errCode 20011. A remark is held in the owner's
    /// bucket of friends, so one huge remark would make every later write of that bucket huge.
    /// </summary>
    public int MaxRemarkBytes { get; set; } = DefaultMaxRemarkBytes;

    /// <summary>
    /// How long a callback waits for the owner's grain before it answers 503 (errCode 25001). OpenIM
    /// gives up after its own webhook timeout (5 s in its default <c>webhooks.yml</c>), so waiting
    /// much longer only holds connections open.
    /// </summary>
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    /// <summary><see cref="BasePath"/> without a trailing slash; "" for the site root.</summary>
    public string NormalizedBasePath => BasePath.TrimEnd('/');
}

public sealed class CallbackOptionsValidator : IValidateOptions<CallbackOptions>
{
    private const string Section = CallbackOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CallbackOptions options)
    {
        var failures = new List<string>();
        if (!IsValidBasePath(options.BasePath))
        {
            failures.Add(
                $"{Section}:BasePath must start with '/' and hold only letters, digits and \"/-._~\" " +
                $"(default \"{CallbackOptions.DefaultBasePath}\").");
        }

        if (options.MaxBodyBytes is < 1 or > CallbackOptions.LargestMaxBodyBytes)
        {
            failures.Add($"{Section}:MaxBodyBytes must be between 1 and {CallbackOptions.LargestMaxBodyBytes}.");
        }

        if (options.MaxRemarkBytes is < CallbackOptions.SmallestMaxRemarkBytes or > CallbackOptions.LargestMaxRemarkBytes)
        {
            failures.Add(
                $"{Section}:MaxRemarkBytes must be between {CallbackOptions.SmallestMaxRemarkBytes} and {CallbackOptions.LargestMaxRemarkBytes} " +
                $"(default {CallbackOptions.DefaultMaxRemarkBytes}).");
        }

        if (options.TimeoutSeconds is < 1 or > CallbackOptions.LongestTimeoutSeconds)
        {
            failures.Add(
                $"{Section}:TimeoutSeconds must be a whole number of seconds from 1 to {CallbackOptions.LongestTimeoutSeconds} " +
                $"(default {CallbackOptions.DefaultTimeoutSeconds}).");
        }

        if (options.HasSecret && options.NormalizedBasePath.Length == 0)
        {
            failures.Add($"{Section}:BasePath must not be \"/\" when {Section}:Secret is set: every path under it would belong to the callbacks.");
        }

        // "" (e.g. Callback__Secret= from a compose file) means no secret, like an unset key.
        if (options.HasSecret && !IsValidSecret(options.Secret!))
        {
            // The value itself is never echoed.
            failures.Add(
                $"{Section}:Secret must be at least {CallbackOptions.ShortestSecret} characters of letters, digits " +
                "and \"-._~\" (one URL path segment), or be left unset.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidBasePath(string? basePath) =>
        basePath is ['/', ..] &&
        !basePath.Contains("//", StringComparison.Ordinal) &&
        basePath.All(character => IsUnreserved(character) || character == '/');

    private static bool IsValidSecret(string secret) =>
        secret.Length >= CallbackOptions.ShortestSecret && secret.All(IsUnreserved);

    /// <summary>RFC 3986 unreserved characters: they mean the same encoded or not.</summary>
    private static bool IsUnreserved(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_' or '~';
}
