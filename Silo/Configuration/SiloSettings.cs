using Microsoft.Extensions.Configuration;
using Npgsql;

namespace OrleansRemarks.Silo.Configuration;

/// <summary>Everything a silo needs from configuration, read and validated before anything starts.</summary>
public sealed record SiloSettings(string ConnectionString, ClusterIdentityOptions Cluster, SiloEndpointOptions Endpoints)
{
    /// <summary>The connection string's name: "ConnectionStrings:Orleans" (env ConnectionStrings__Orleans).</summary>
    public const string ConnectionStringName = "Orleans";

    /// <exception cref="SiloConfigurationException">A setting is missing or invalid.</exception>
    public static SiloSettings Load(IConfiguration configuration)
    {
        var connectionString = LoadConnectionString(configuration);
        var cluster = Bind<ClusterIdentityOptions>(configuration, ClusterIdentityOptions.SectionName);
        var endpoints = Bind<SiloEndpointOptions>(configuration, SiloEndpointOptions.SectionName);
        var errors = cluster.Validate().Concat(endpoints.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new SiloConfigurationException(string.Join("; ", errors) + ".");
        }

        return new SiloSettings(connectionString, cluster, endpoints);
    }

    /// <exception cref="SiloConfigurationException">The connection string is missing or not an Npgsql connection string.</exception>
    public static string LoadConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new SiloConfigurationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (e.g. environment variable ConnectionStrings__{ConnectionStringName}=\"Host=...;Database=...;Username=...\").");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            // The message never repeats the connection string: it may hold a password.
            throw new SiloConfigurationException($"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {exception.Message}");
        }

        return connectionString;
    }

    /// <summary>Binds a section; a value of the wrong type becomes a <see cref="SiloConfigurationException"/>.</summary>
    internal static T Bind<T>(IConfiguration configuration, string sectionName)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(sectionName).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new SiloConfigurationException(exception.Message);
        }

        return options;
    }
}
