using Microsoft.Extensions.Options;
using Npgsql;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.Silo.Schema;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>Describes why start-up failed in one line for stderr, and picks the exit code.</summary>
public static class StartupFailure
{
    public const string ProcessName = "OrleansRemarks.Silo";
    public const int GeneralExitCode = 1;
    public const int ConfigurationExitCode = SettingsValidation.ExitCode;
    public const int DatabaseExitCode = 3;

    public static int ExitCodeFor(Exception exception) => exception switch
    {
        OptionsValidationException => ConfigurationExitCode,
        NpgsqlException or SchemaMigrationException => DatabaseExitCode,
        _ => GeneralExitCode,
    };

    public static string Describe(Exception exception)
    {
        if (exception is OptionsValidationException invalid)
        {
            return SettingsValidation.Describe(ProcessName, invalid);
        }

        var what = exception switch
        {
            SchemaMigrationException => "schema migration failed",
            NpgsqlException => "database error",
            _ => "start-up failed",
        };
        return $"{ProcessName}: {what}: {FlattenMessages(exception)}";
    }

    /// <summary>The messages down the inner-exception chain, without repeats, on one line.</summary>
    private static string FlattenMessages(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var message = current.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
            if (message.Length > 0 && !messages.Any(known => known.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages) + ".";
    }
}
