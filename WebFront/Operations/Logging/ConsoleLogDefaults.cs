using Microsoft.Extensions.Logging.Console;

namespace OrleansRemarks.WebFront.Operations.Logging;

/// <summary>
/// The standard console logger; <c>Logging:Console:FormatterName=json</c> switches it to one JSON
/// object per line. JSON lines carry a UTC timestamp by default; any
/// <c>Logging:Console:FormatterOptions:*</c> setting still wins.
/// </summary>
public static class ConsoleLogDefaults
{
    public const string UtcTimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private const string FormatterOptionsSection = "Logging:Console:FormatterOptions";

    public static ILoggingBuilder UseConsoleLogDefaults(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var configured = configuration.GetSection(FormatterOptionsSection);
        logging.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = UtcTimestampFormat;
            configured.Bind(json);
        });
        return logging;
    }
}
