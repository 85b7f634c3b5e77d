using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansRemarks.WebFront.Configuration;

namespace OrleansRemarks.WebFront.Cluster;

public static class ClusterClientRegistration
{
    /// <summary>ADO.NET invariant of Npgsql (the provider's default is SQL Server).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Orleans only transports exceptions of allowed namespaces ("System", "Microsoft", "Orleans", …);
    /// allowing Npgsql's lets a storage failure that a silo passes on arrive as itself.
    /// </summary>
    public const string NpgsqlExceptionNamespace = "Npgsql";

    /// <summary>
    /// An Orleans client that finds the silos' gateways in the PostgreSQL membership table, with the
    /// validated <see cref="ClusterConnectionOptions"/>.
    /// </summary>
    public static WebApplicationBuilder AddRemarksClusterClient(this WebApplicationBuilder builder)
    {
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(clustering => clustering
                .Configure<IOptions<ClusterConnectionOptions>>((options, connection) =>
                {
                    options.Invariant = NpgsqlInvariant;
                    options.ConnectionString = connection.Value.ConnectionString;
                }));
            client.Services.AddClientFailoverOptions(builder.Configuration);
            client.Services.Configure<ExceptionSerializationOptions>(serialization =>
                serialization.SupportedNamespacePrefixes.Add(NpgsqlExceptionNamespace));
            client.Services.AddOptions<ClusterOptions>()
                .Configure<IOptions<ClusterConnectionOptions>>((options, connection) =>
                {
                    options.ClusterId = connection.Value.ClusterId;
                    options.ServiceId = connection.Value.ServiceId;
                });
        });
        return builder;
    }
}
