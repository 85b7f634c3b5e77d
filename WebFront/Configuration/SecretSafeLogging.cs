using OrleansRemarks.WebFront.Callbacks;
namespace OrleansRemarks.WebFront.Configuration;

/// <summary>
/// With a callback secret the request path holds the secret. The callback middleware removes it
/// before routing, but the layers in front of it see the raw path: the hosting layer's request log
/// ("Request starting POST http://…/callbackExample/{secret}/…") and its RequestPath logging scope
/// (seen by any logger with scopes on), and Kestrel's bad-request logs. The hosting category is
/// switched off entirely, since the scope is only opened while it is enabled; the others keep
/// their warnings.
/// </summary>
public static class SecretSafeLogging
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly string[] PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
    ];

    public static WebApplicationBuilder KeepCallbackSecretOutOfLogs(this WebApplicationBuilder builder)
    {
        var secret = builder.Configuration[$"{CallbackOptions.SectionName}:{nameof(CallbackOptions.Secret)}"];
        if (!string.IsNullOrEmpty(secret))
        {
            // Registered after the configuration's rules, so these win for the same categories.
            builder.Logging.AddFilter(HostingCategory, LogLevel.None);
            foreach (var category in PathLoggingCategories)
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }

        return builder;
    }
}
