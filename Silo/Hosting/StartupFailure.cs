using Microsoft.Extensions.Options;
using Npgsql;
using OrleansRemarks.Silo.Configuration;
using OrleansRemarks.Silo.Schema;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>Describes why start-up failed in one line for stderr, and picks the exit code.</summary>
public static class StartupFailure
{
    public const int GeneralExitCode = 1;
    public const int ConfigurationExitCode = 2;
    public const int DatabaseExitCode = 3;

    public static int ExitCodeFor(Exception exception) => exception switch
    {
        SiloConfigurationException or OptionsValidationException => ConfigurationExitCode,
        NpgsqlException or SchemaMigrationException => DatabaseExitCode,
        _ => GeneralExitCode,
    };

    public static string Describe(Exception exception)
    {
        var what = exception switch
        {
            SiloConfigurationException or OptionsValidationException => "configuration error",
            SchemaMigrationException => "schema migration failed",
            NpgsqlException => "database error",
            _ => "start-up failed",
        };
        return $"OrleansRemarks.Silo: {what}: {FlattenMessages(exception)}";
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
