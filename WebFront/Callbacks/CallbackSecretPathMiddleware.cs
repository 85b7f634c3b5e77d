using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Configuration;

namespace OrleansRemarks.WebFront.Callbacks;

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
