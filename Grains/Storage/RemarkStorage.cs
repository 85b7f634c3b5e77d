using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>Registers the PostgreSQL grain storage that holds every owner's remark buckets.</summary>
public static class RemarkStorage
{
    /// <summary>The storage provider's name, as grains ask for it.</summary>
    public const string ProviderName = "remarks";

    /// <summary>ADO.NET invariant of Npgsql (the provider's default is SQL Server).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    private const string NpgsqlExceptionNamespace = "Npgsql";

    public static ISiloBuilder AddRemarkStorage(this ISiloBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Orleans transports only exceptions from allowed namespaces ("System", "Microsoft", "Orleans", …).
        // Without "Npgsql" a PostgreSQL failure reaches the caller as CodecNotFoundException
        // ("Could not find a codec for type Npgsql.NpgsqlException") instead of as itself.
        builder.Services.Configure<ExceptionSerializationOptions>(serialization =>
            serialization.SupportedNamespacePrefixes.Add(NpgsqlExceptionNamespace));
        return builder.AddAdoNetGrainStorage(ProviderName, options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new RemarkStateSerializer();
        });
    }
}
