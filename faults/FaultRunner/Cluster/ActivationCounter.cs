using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace OrleansRemarks.FaultRunner.Cluster;

/// <summary>
/// Asks Orleans' management grain how many user-friends activations each silo holds, through an
/// Orleans client that finds the gateways in the PostgreSQL membership table like the web fronts do.
/// </summary>
public sealed class ActivationCounter(string connectionString, string clusterId, string serviceId)
{
    private const string GrainTypeMarker = "UserFriends";

    /// <returns>Activation count per silo port (silo address port, not gateway).</returns>
    public async Task<IReadOnlyDictionary<int, int>> CountBySiloPortAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            client.Services.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            var statistics = await management.GetSimpleGrainStatistics();
            return statistics
                .Where(statistic => statistic.GrainType.Contains(GrainTypeMarker, StringComparison.Ordinal))
                .GroupBy(statistic => statistic.SiloAddress.Endpoint.Port)
                .ToDictionary(group => group.Key, group => group.Sum(statistic => statistic.ActivationCount));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
