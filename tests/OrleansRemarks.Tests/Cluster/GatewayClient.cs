using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace OrleansRemarks.Tests.Cluster;

/// <summary>An Orleans client that talks to the cluster through exactly one silo's gateway.</summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly IHost _host;

    private GatewayClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public static async Task<GatewayClient> ConnectAsync(int gatewayPort, string clusterId, string serviceId)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort))
                .Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = clusterId;
                    cluster.ServiceId = serviceId;
                }))
            .Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new GatewayClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(stopping.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
