using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage.Batching;

namespace OrleansRemarks.Grains.Storage;

/// <summary>Registers the PostgreSQL grain storage that holds every owner's remark buckets.</summary>
public static class RemarkStorage
{
    /// <summary>The storage provider's name, as grains ask for it.</summary>
    public const string ProviderName = "remarks";

    /// <summary>ADO.NET invariant of Npgsql (the provider's default is SQL Server).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>The ADO.NET provider underneath <see cref="BatchingGrainStorage"/>.</summary>
    private const string AdoNetProviderName = "remarks.adonet";

    private const string NpgsqlExceptionNamespace = "Npgsql";

    public static ISiloBuilder AddRemarkStorage(this ISiloBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<RemarkStorageMetrics>();
        // Orleans transports only exceptions from allowed namespaces ("System", "Microsoft", "Orleans", …).
        // Without "Npgsql" a PostgreSQL failure reaches the caller as CodecNotFoundException
        // ("Could not find a codec for type Npgsql.NpgsqlException") instead of as itself.
        builder.Services.Configure<ExceptionSerializationOptions>(serialization =>
            serialization.SupportedNamespacePrefixes.Add(NpgsqlExceptionNamespace));

        // One data source (one connection pool) for the provider and the write batcher.
        var serializer = new RemarkStateSerializer();
        builder.Services.AddKeyedSingleton(ProviderName, (_, _) => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddOptions<StateWriteBatchingOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StateWriteBatchingOptions>, StateWriteBatchingOptionsValidator>());
        builder.Services.AddOptions<ReplayWindowOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplayWindowOptions>, ReplayWindowOptionsValidator>());
        builder.Services.AddKeyedSingleton(ProviderName, (services, _) => new StateWriteBatcher(
            services.GetRequiredKeyedService<NpgsqlDataSource>(ProviderName),
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<IOptions<StateWriteBatchingOptions>>().Value,
            services.GetRequiredService<ILogger<StateWriteBatcher>>()));
        builder.Services.AddKeyedSingleton(ProviderName, (services, _) => new StateRowReader(
            services.GetRequiredKeyedService<NpgsqlDataSource>(ProviderName),
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        builder.Services.AddKeyedSingleton<IGrainStorage>(ProviderName, (services, _) =>
        {
            var provider = services.GetRequiredKeyedService<IGrainStorage>(AdoNetProviderName);
            return new BatchingGrainStorage(
                provider,
                services.GetRequiredKeyedService<StateWriteBatcher>(ProviderName),
                services.GetRequiredKeyedService<StateRowReader>(ProviderName),
                serializer,
                new StateNameHasher(
                    services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(AdoNetProviderName).HashPicker,
                    services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                    AdoNetProviderName),
                batchUpdates: services.GetRequiredService<IOptions<StateWriteBatchingOptions>>().Value.Enabled);
        });
        return builder.AddAdoNetGrainStorage(AdoNetProviderName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<IServiceProvider>((provider, services) =>
            {
                provider.Invariant = NpgsqlInvariant;
                provider.DataSource = services.GetRequiredKeyedService<NpgsqlDataSource>(ProviderName);
                provider.GrainStorageSerializer = serializer;
            }));
    }
}
