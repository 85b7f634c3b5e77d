using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansRemarks.WebFront.Configuration;

public sealed class ClusterConnectionOptionsValidator : IValidateOptions<ClusterConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterConnectionOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(
                $"ConnectionStrings:{ClusterConnectionOptions.ConnectionStringName} is not set: give the PostgreSQL " +
                $"connection string of the silos' database (environment variable ConnectionStrings__{ClusterConnectionOptions.ConnectionStringName}).");
        }
        else if (!IsValidPostgresConnectionString(options.ConnectionString, out var problem))
        {
            failures.Add($"ConnectionStrings:{ClusterConnectionOptions.ConnectionStringName} is not a valid PostgreSQL connection string: {problem}");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{ClusterConnectionOptions.SectionName}:ClusterId is empty: leave it unset for \"{ClusterConnectionOptions.DefaultClusterId}\" or give the silos' value.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{ClusterConnectionOptions.SectionName}:ServiceId is empty: leave it unset for \"{ClusterConnectionOptions.DefaultServiceId}\" or give the silos' value.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidPostgresConnectionString(string connectionString, out string problem)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            problem = "";
            return true;
        }
        catch (ArgumentException exception)
        {
            // Npgsql names the offending keyword, never a value, so no password reaches the message.
            problem = exception.Message;
            return false;
        }
    }
}
