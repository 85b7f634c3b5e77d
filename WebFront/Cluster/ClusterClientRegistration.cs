using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.WebFront.Cluster;

public static class ClusterClientRegistration
{
    /// <summary>
    /// An Orleans client that finds the silos' gateways in the PostgreSQL membership table, with the
    /// validated <see cref="ClusterIdentityOptions"/> and <see cref="PostgresOptions"/> of the service defaults.
    /// </summary>
    public static WebApplicationBuilder AddRemarksClusterClient(this WebApplicationBuilder builder)
    {
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(clustering => clustering
                .Configure<IOptions<PostgresOptions>>((options, postgres) =>
                {
                    options.Invariant = PostgresOptions.NpgsqlInvariant;
                    options.ConnectionString = postgres.Value.ConnectionString;
                }));
            client.Services.AddClientFailoverOptions(builder.Configuration);
            client.Services.Configure<ExceptionSerializationOptions>(serialization =>
                serialization.SupportedNamespacePrefixes.Add(PostgresOptions.NpgsqlExceptionNamespace));
            client.Services.AddOptions<ClusterOptions>()
                .Configure<IOptions<ClusterIdentityOptions>>((options, identity) =>
                {
                    options.ClusterId = identity.Value.ClusterId;
                    options.ServiceId = identity.Value.ServiceId;
                });
        });
        return builder;
    }
}
