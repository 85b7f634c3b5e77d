using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace OrleansRemarks.Silo.Operations.Logging;

/// <summary>
/// The standard console logger: one line per entry with a UTC timestamp by default ("simple"), or one
/// JSON object per line with <c>Logging:Console:FormatterName=json</c>. Any
/// <c>Logging:Console:FormatterOptions:*</c> setting wins over these defaults.
/// </summary>
public static class SiloConsoleLogging
{
    public const string UtcTimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private const string FormatterNameKey = "Logging:Console:FormatterName";
    private const string FormatterOptionsSection = "Logging:Console:FormatterOptions";

    public static ILoggingBuilder AddSiloConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var configured = configuration.GetSection(FormatterOptionsSection);
        var formatterName = configuration[FormatterNameKey] ?? ConsoleFormatterNames.Simple;
        logging.AddConsole();
        // Set explicitly: the slim web host pins "simple", and without any name the console logger
        // would overwrite the formatter's options with its own obsolete ones.
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = formatterName);
        logging.Services.Configure<SimpleConsoleFormatterOptions>(simple =>
        {
            simple.SingleLine = true;
            simple.UseUtcTimestamp = true;
            simple.TimestampFormat = UtcTimestampFormat + " ";
            configured.Bind(simple);
        });
        return logging.UseJsonConsoleDefaults(configuration);
    }

    /// <summary>JSON lines (when chosen) carry a UTC timestamp; <c>Logging:Console:FormatterOptions:*</c> still wins. The WebFront uses this too.</summary>
    public static ILoggingBuilder UseJsonConsoleDefaults(this ILoggingBuilder logging, IConfiguration configuration)
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
