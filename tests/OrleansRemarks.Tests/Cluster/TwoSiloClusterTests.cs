using Npgsql;
using Orleans.Runtime;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Cluster;

/// <summary>Two real silo processes form one cluster through our PostgreSQL membership table.</summary>
public sealed class TwoSiloClusterTests
{
    private static readonly TimeSpan ClusterViewTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_join_serve_grains_through_either_gateway_and_one_leaves_cleanly_on_sigterm()
    {
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("cluster");
        var clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        var serviceId = "service-" + Guid.NewGuid().ToString("N")[..8];
        var silos = await StartSilosAsync(2, connectionString, clusterId, serviceId);
        await using var first = silos[0];
        await using var second = silos[1];

        Assert.Equal(
            new[] { (first.SiloPort, SiloProcess.ActiveStatus), (second.SiloPort, SiloProcess.ActiveStatus) }.Order(),
            await MembershipAsync(connectionString, clusterId));

        await using (var viaFirst = await GatewayClient.ConnectAsync(first.GatewayPort, clusterId, serviceId))
        await using (var viaSecond = await GatewayClient.ConnectAsync(second.GatewayPort, clusterId, serviceId))
        {
            await WaitUntilBothSilosAreSeenAsync(viaFirst.Client);
            await WaitUntilBothSilosAreSeenAsync(viaSecond.Client);

            var owners = Enumerable.Range(0, 8).Select(i => $"owner-{i}").ToList();
            foreach (var owner in owners)
            {
                var result = await viaFirst.Client.GetUserFriendsGrain(owner).ApplyRemarkAsync(new RemarkChange("friend-1", $"remark of {owner}", OperationId: null));
                Assert.Equal(RemarkChangeOutcome.Applied, result.Outcome);
            }

            foreach (var owner in owners)
            {
                var remark = await viaSecond.Client.GetUserFriendsGrain(owner).GetRemarkAsync("friend-1");
                Assert.Equal($"remark of {owner}", remark?.Remark);
            }
        }

        await second.StopAsync();

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(SiloProcess.DeadStatus, await second.ReadMembershipStatusAsync());
        Assert.Equal(SiloProcess.ActiveStatus, await first.ReadMembershipStatusAsync());
    }

    /// <summary>Starts the silos together; if any fails to start, stops the others before rethrowing.</summary>
    private static async Task<SiloProcess[]> StartSilosAsync(int count, string connectionString, string clusterId, string serviceId)
    {
        var starting = Enumerable.Range(0, count)
            .Select(_ => SiloProcess.StartAsync(connectionString, clusterId, serviceId, FreeTcpPort.Next(), FreeTcpPort.Next()))
            .ToList();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var start in starting)
            {
                try
                {
                    await (await start).DisposeAsync();
                }
                catch (Exception)
                {
                    // This one failed to start; it cleaned up after itself.
                }
            }

            throw;
        }
    }

    private static async Task WaitUntilBothSilosAreSeenAsync(IClusterClient client)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + ClusterViewTimeout;
        Dictionary<SiloAddress, SiloStatus> hosts;
        do
        {
            hosts = await management.GetHosts(onlyActive: true);
            if (hosts.Count == 2)
            {
                return;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"The cluster did not list 2 active silos within {ClusterViewTimeout}: {string.Join(", ", hosts)}");
    }

    private static async Task<List<(int Port, int Status)>> MembershipAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT port, status FROM orleans_membership WHERE deployment_id = @cluster ORDER BY port", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
