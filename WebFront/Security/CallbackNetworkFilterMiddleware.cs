using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Configuration;

namespace OrleansRemarks.WebFront.Security;

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
