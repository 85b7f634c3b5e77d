using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Callbacks;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// Who may post a callback, which sets anyone's remarks: the sender's network (<c>Callback:AllowedNetworks</c>)
/// and the secret path segment (<c>Callback:Secret</c>). Both run before routing, so a refused
/// callback's path (which may hold a guess of the secret) never reaches routing's logs.
/// </summary>
public static class CallbackAccess
{
    /// <summary>403 to a callback from outside <c>Callback:AllowedNetworks</c>; nothing when the list is empty.</summary>
    public static IApplicationBuilder UseCallbackNetworkFilter(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<CallbackNetworkOptions>>().Value.ParseAllowedNetworks().IsEmpty
            ? app
            : app.UseMiddleware<CallbackNetworkFilterMiddleware>();

    /// <summary>Takes the secret out of callback paths (see <see cref="CallbackSecretPathMiddleware"/>); nothing without a secret.</summary>
    public static IApplicationBuilder UseCallbackSecretPath(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<CallbackOptions>>().Value.HasSecret
            ? app.UseMiddleware<CallbackSecretPathMiddleware>()
            : app;
}

/// <summary>
/// With <c>Callback:AllowedNetworks</c> set, answers 403 to a callback from any other client address,
/// before the secret path is looked at and before the body is read. The client address is the peer,
/// or the <c>X-Forwarded-For</c> address when the peer is a trusted proxy. The path is never logged
/// (it can hold the callback secret).
/// </summary>
public sealed partial class CallbackNetworkFilterMiddleware(
    RequestDelegate next,
    IOptions<CallbackOptions> callbacks,
    IOptions<CallbackNetworkOptions> networks,
    ILogger<CallbackNetworkFilterMiddleware> logger)
{
    private readonly string _basePath = callbacks.Value.NormalizedBasePath;
    private readonly IpNetworkList _allowed = networks.Value.ParseAllowedNetworks();

    public Task InvokeAsync(HttpContext context)
    {
        if (!IsCallbackPath(context.Request.Path) || _allowed.Contains(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }

        LogRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>Every path under the base path; with the site root as base path, the one-segment paths <c>/{command}</c>.</summary>
    private bool IsCallbackPath(PathString path) => _basePath.Length == 0
        ? path.Value is ['/', .. var rest] && rest.Length > 0 && !rest.Contains('/', StringComparison.Ordinal)
        : path.StartsWithSegments(_basePath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a callback from {ClientAddress}: not in Callback:AllowedNetworks")]
    private static partial void LogRefused(ILogger logger, string clientAddress);
}

/// <summary>
/// With <c>Callback:Secret</c> set, owns every path under <c>{BasePath}</c>: turns
/// <c>{BasePath}/{secret}/{command}</c> into <c>{BasePath}/{command}</c> and marks the request as
/// verified; answers anything else there 404 itself. So no path that holds the secret (or merely
/// starts with it) reaches routing, whose debug logs print paths. The callback endpoint also
/// answers 404 to any request that was not marked.
/// </summary>
public sealed class CallbackSecretPathMiddleware(RequestDelegate next, IOptions<CallbackOptions> options, CallbackSecret secret)
{
    private static readonly object VerifiedKey = new();

    private readonly PathString _basePath = new(options.Value.NormalizedBasePath);

    public static bool WasVerified(HttpContext context) => context.Items.ContainsKey(VerifiedKey);

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(_basePath, out var rest))
        {
            return next(context);
        }

        if (rest.Value?.Split('/') is ["", var candidate, var command] && command.Length > 0 && secret.Matches(candidate))
        {
            context.Request.Path = _basePath.Add("/" + command);
            context.Items[VerifiedKey] = true;
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Checks the secret path segment in constant time: both sides are hashed first, so neither the
/// position of the first difference nor the secret's length shows in the timing. Never logged.
/// </summary>
public sealed class CallbackSecret(IOptions<CallbackOptions> options)
{
    private readonly byte[] _expectedHash = SecretDigest.Of(options.Value.Secret ?? "");

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(SecretDigest.Of(candidate), _expectedHash);
}

/// <summary>Where callbacks may come from (section <c>Callback</c>, next to the callback path and secret).</summary>
public sealed class CallbackNetworkOptions
{
    public const string SectionName = "Callback";

    /// <summary>
    /// Addresses or CIDRs OpenIM calls from. When set, a callback from any other client address (after
    /// <see cref="NetworkOptions.TrustedProxies"/> processing) is answered 403 unread. Empty: any address.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>
    /// Accept callbacks from any source on a non-loopback address without <c>Callback:Secret</c> or
    /// <see cref="AllowedNetworks"/>: anyone who reaches the URL may then set anyone's remarks. Without
    /// one of the three, a web front that other machines can reach refuses to start.
    /// </summary>
    public bool AllowAnySource { get; set; }

    public IpNetworkList ParseAllowedNetworks() => IpNetworkList.Parse(AllowedNetworks, out _);
}

/// <summary>
/// Checks the allowed networks, and that callbacks, which set anyone's remarks, are protected on an
/// address other machines can reach: by <c>Callback:Secret</c>, by <c>Callback:AllowedNetworks</c>, or
/// on purpose not at all (<c>Callback:AllowAnySource=true</c>).
/// </summary>
public sealed class CallbackNetworkOptionsValidator(IConfiguration configuration) : IValidateOptions<CallbackNetworkOptions>
{
    private const string Section = CallbackNetworkOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CallbackNetworkOptions options)
    {
        var networks = IpNetworkList.Parse(options.AllowedNetworks, out var invalid);
        if (invalid.Count > 0)
        {
            return ValidateOptionsResult.Fail(NetworkOptionsValidator.NetworkListFailure($"{Section}:AllowedNetworks", invalid));
        }

        // Read as configured: a malformed secret is reported by the CallbackOptions validator, not twice.
        var hasSecret = !string.IsNullOrEmpty(configuration[$"{CallbackOptions.SectionName}:{nameof(CallbackOptions.Secret)}"]);
        if (!hasSecret && networks.IsEmpty && !options.AllowAnySource && ListenAddresses.NonLoopback(configuration) is [_, ..] exposed)
        {
            return ValidateOptionsResult.Fail(
                $"The callbacks would be open to anyone on {string.Join(", ", exposed)}, which is not loopback only, and anyone who reaches them " +
                $"can set anyone's remarks: set {Section}:Secret (environment variable {Section}__Secret, e.g. the output of " +
                $"\"openssl rand -hex 24\", then give OpenIM the URL {{BasePath}}/{{secret}}), or {Section}:AllowedNetworks (OpenIM's addresses), " +
                $"or {Section}:AllowAnySource=true to accept callbacks from any source on purpose.");
        }

        return ValidateOptionsResult.Success;
    }
}
