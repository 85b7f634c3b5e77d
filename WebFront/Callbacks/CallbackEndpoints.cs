using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.WebFront.Operations.OpenApi;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Callbacks;

public static class CallbackEndpoints
{
    /// <summary>
    /// The callback handler, its metrics, and its settings (<c>Callback:*</c>), validated with every
    /// other setting before the start (<see cref="SettingsValidation.ValidateSettings"/>).
    /// </summary>
    public static IServiceCollection AddOpenImCallbacks(this IServiceCollection services, IConfiguration configuration) => services
        .AddValidatedOptions<CallbackOptions, CallbackOptionsValidator>(configuration, CallbackOptions.SectionName)
        .AddSingleton<FriendCallbackHandler>()
        .AddSingleton<CallbackMetrics>()
        .AddSingleton<CallbackSecret>();

    /// <summary>
    /// <c>POST {BasePath}/{command}</c>; with a secret it is reached only through
    /// <c>{BasePath}/{secret}/{command}</c> (see <see cref="CallbackSecretPathMiddleware"/>) and every
    /// other callback path is 404. The query string is never read (old docs show <c>?contenttype=json</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapOpenImCallbacks(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<CallbackOptions>>().Value;
        var basePath = options.NormalizedBasePath.Length == 0 ? "/" : options.NormalizedBasePath;
        endpoints.MapGroup(basePath)
            .WithTags("OpenIM callbacks")
            .MapPost("/{command}", HandleAsync)
            .WithCallbackDocumentation();
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<CallbackReply>, NotFound>> HandleAsync(
        string command, HttpContext context, IOptions<CallbackOptions> options, FriendCallbackHandler handler)
    {
        if (options.Value.HasSecret && !CallbackSecretPathMiddleware.WasVerified(context))
        {
            return TypedResults.NotFound();
        }

        return await handler.HandleAsync(command, context.Request, context.RequestAborted);
    }
}
