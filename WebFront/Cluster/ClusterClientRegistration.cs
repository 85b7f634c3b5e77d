using Microsoft.Extensions.Options;
using Orleans.Serialization;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.WebFront.Cluster;

public static class ClusterClientRegistration
{
    /// <summary>
    /// An Orleans client that finds the silos' gateways in the PostgreSQL membership table of the validated
    /// <see cref="PostgresOptions"/>; the cluster's identity comes from the service defaults (<see cref="ClusterIdentityOptions"/>).
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
        });
        return builder;
    }
}
