using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansRemarks.ServiceDefaults;

/// <summary>
/// The cluster's PostgreSQL database (<c>ConnectionStrings:Orleans</c>, environment variable
/// <c>ConnectionStrings__Orleans</c>): the membership table, grain state and the schema's own table.
/// Read from the connection strings, never from a section, so it is not bound but copied in.
/// </summary>
public sealed class PostgresOptions
{
    /// <summary>Name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Orleans";

    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>ADO.NET invariant of Npgsql, for Orleans' ADO.NET providers (their default is SQL Server).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Orleans only transports exceptions of allowed namespaces ("System", "Microsoft", "Orleans", …);
    /// allowing Npgsql's lets a storage failure that a silo passes on arrive as itself.
    /// </summary>
    public const string NpgsqlExceptionNamespace = "Npgsql";

    /// <summary>The Npgsql connection string; may hold a password, so no message ever repeats it.</summary>
    public string ConnectionString { get; set; } = "";
}

public sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{PostgresOptions.ConnectionStringKey} is not set: give the PostgreSQL connection string of the cluster's database " +
                $"(environment variable ConnectionStrings__{PostgresOptions.ConnectionStringName}=\"Host=...;Database=...;Username=...\").");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            // Npgsql names the offending keyword, never a value, so no password reaches the message.
            return ValidateOptionsResult.Fail($"{PostgresOptions.ConnectionStringKey} is not a valid PostgreSQL connection string: {exception.Message}");
        }
    }
}
