using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Configuration;

namespace OrleansRemarks.WebFront.Callbacks;

public static class CallbackEndpoints
{
    public static IServiceCollection AddOpenImCallbacks(this IServiceCollection services) => services
        .AddSingleton<FriendCallbackHandler>()
        .AddSingleton<CallbackSecret>();

    /// <summary>
    /// <c>POST {BasePath}/{command}</c>, or only <c>POST {BasePath}/{secret}/{command}</c> when a secret is
    /// set. The query string is never read (old docs show <c>?contenttype=json</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapOpenImCallbacks(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<CallbackOptions>>().Value;
        var basePath = options.NormalizedBasePath.Length == 0 ? "/" : options.NormalizedBasePath;
        var callbacks = endpoints.MapGroup(basePath).WithTags("OpenIM callbacks");

        if (options.HasSecret)
        {
            callbacks.MapPost("/{secret}/{command}", HandleWithSecretAsync);
        }
        else
        {
            callbacks.MapPost("/{command}", HandleAsync);
        }

        return endpoints;
    }

    private static Task<JsonHttpResult<CallbackReply>> HandleAsync(
        string command, HttpRequest request, FriendCallbackHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(command, request, cancellationToken);

    private static async Task<Results<JsonHttpResult<CallbackReply>, NotFound>> HandleWithSecretAsync(
        string secret, string command, HttpRequest request, CallbackSecret expected, FriendCallbackHandler handler,
        CancellationToken cancellationToken) =>
        expected.Matches(secret)
            ? await handler.HandleAsync(command, request, cancellationToken)
            : TypedResults.NotFound();
}
