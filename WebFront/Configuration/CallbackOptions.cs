namespace OrleansRemarks.WebFront.Configuration;

/// <summary>Where and how OpenIM's webhook callbacks are received.</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callback";

    /// <summary>OpenIM's default <c>webhooks.yml</c> URL is <c>http://127.0.0.1:10006/callbackExample</c>.</summary>
    public const string DefaultBasePath = "/callbackExample";

    public const int DefaultMaxBodyBytes = 64 * 1024;

    public const int LargestMaxBodyBytes = 16 * 1024 * 1024;

    public const int ShortestSecret = 16;

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

    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    /// <summary><see cref="BasePath"/> without a trailing slash; "" for the site root.</summary>
    public string NormalizedBasePath => BasePath.TrimEnd('/');
}
