using System.Data;

namespace OrleansRemarks.Tests.Schema;

/// <summary>The clustering query texts: the table version is a compare-and-swap guard.</summary>
public sealed class MembershipQueryTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private const int Active = 3;
    private const int Dead = 6;
    private readonly string _connectionString = database.ConnectionString;
    private readonly string _deployment = "cluster-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Version_row_is_inserted_once()
    {
        Assert.Equal(true, await InsertVersionRowAsync());
        Assert.Equal(false, await InsertVersionRowAsync());

        var row = Assert.Single(await ReadAllAsync());
        Assert.Equal(0, row["Version"]);
        Assert.Null(row["StartTime"]);
    }

    [Fact]
    public async Task Insert_with_the_current_version_adds_the_row_and_bumps_the_version()
    {
        await InsertVersionRowAsync();

        Assert.Equal(true, await InsertMemberAsync(port: 1001, version: 0));

        var row = Assert.Single(await ReadAllAsync());
        Assert.Equal(1, row["Version"]);
        Assert.Equal("127.0.0.1", row["Address"]);
        Assert.Equal(1001, row["Port"]);
        Assert.Equal(Active, row["Status"]);
    }

    [Fact]
    public async Task Insert_with_a_stale_version_or_of_an_existing_row_fails_and_changes_nothing()
    {
        await InsertVersionRowAsync();
        await InsertMemberAsync(port: 1001, version: 0);

        Assert.Equal(false, await InsertMemberAsync(port: 1002, version: 0));
        Assert.Equal(false, await InsertMemberAsync(port: 1001, version: 1));

        var rows = await ReadAllAsync();
        Assert.Equal(1001, Assert.Single(rows)["Port"]);
        Assert.Equal(1, rows[0]["Version"]);
    }

    [Fact]
    public async Task Concurrent_inserts_with_the_same_version_let_exactly_one_win()
    {
        await InsertVersionRowAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => InsertMemberAsync(port: 2000 + i, version: 0)));

        Assert.Equal(1, results.Count(inserted => inserted is true));
        var rows = await ReadAllAsync();
        Assert.Single(rows);
        Assert.Equal(1, rows[0]["Version"]);
    }

    [Fact]
    public async Task Update_needs_the_current_version_and_bumps_it()
    {
        await InsertVersionRowAsync();
        await InsertMemberAsync(port: 1001, version: 0);

        Assert.Equal(false, await UpdateMemberAsync(port: 1001, status: Dead, version: 0));
        Assert.Equal(true, await UpdateMemberAsync(port: 1001, status: Dead, version: 1));
        Assert.Equal(false, await UpdateMemberAsync(port: 9999, status: Dead, version: 2));

        var row = Assert.Single(await ReadRowAsync(1001));
        Assert.Equal(2, row["Version"]);
        Assert.Equal(Dead, row["Status"]);
        Assert.Equal("S127.0.0.1:1002:1,2024-01-01 00:00:00.000 GMT", row["SuspectTimes"]);
    }

    [Fact]
    public async Task Gateways_lists_only_active_silos()
    {
        await InsertVersionRowAsync();
        await InsertMemberAsync(port: 1001, version: 0);
        await InsertMemberAsync(port: 1002, version: 1);
        await UpdateMemberAsync(port: 1002, status: Dead, version: 2);

        var gateway = Assert.Single(await StoredQuery.RunAsync(_connectionString, "GatewaysQueryKey",
            ("DeploymentId", _deployment, DbType.String), ("Status", Active, DbType.Int32)));
        Assert.Equal(1001 + 1000, gateway["ProxyPort"]);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_not_alive_since_the_cutoff()
    {
        await InsertVersionRowAsync();
        await InsertMemberAsync(port: 1001, version: 0);
        await InsertMemberAsync(port: 1002, version: 1);
        await UpdateMemberAsync(port: 1002, status: Dead, version: 2);

        await StoredQuery.RunAsync(_connectionString, "CleanupDefunctSiloEntriesKey",
            ("DeploymentId", _deployment, DbType.String), ("IAmAliveTime", DateTime.UtcNow.AddMinutes(1), DbType.DateTime));

        var row = Assert.Single(await ReadAllAsync());
        Assert.Equal(1001, row["Port"]);
    }

    [Fact]
    public async Task Delete_entries_removes_the_deployment_and_its_members()
    {
        await InsertVersionRowAsync();
        await InsertMemberAsync(port: 1001, version: 0);

        await StoredQuery.RunAsync(_connectionString, "DeleteMembershipTableEntriesKey", ("DeploymentId", _deployment, DbType.String));

        Assert.Empty(await ReadAllAsync());
    }

    private async Task<bool?> InsertVersionRowAsync() =>
        (bool?)await StoredQuery.ScalarAsync(_connectionString, "InsertMembershipVersionKey", ("DeploymentId", _deployment, DbType.String));

    private async Task<bool?> InsertMemberAsync(int port, int version)
    {
        var now = DateTime.UtcNow;
        return (bool?)await StoredQuery.ScalarAsync(_connectionString, "InsertMembershipKey",
            [.. SiloKey(port),
            ("IAmAliveTime", now, DbType.DateTime),
            ("SiloName", $"silo-{port}", DbType.String),
            ("HostName", "test-host", DbType.String),
            ("StartTime", now, DbType.DateTime),
            ("Status", Active, DbType.Int32),
            ("ProxyPort", port + 1000, DbType.Int32),
            ("Version", version, DbType.Int32)]);
    }

    private async Task<bool?> UpdateMemberAsync(int port, int status, int version) =>
        (bool?)await StoredQuery.ScalarAsync(_connectionString, "UpdateMembershipKey",
            [.. SiloKey(port),
            ("IAmAliveTime", DateTime.UtcNow, DbType.DateTime),
            ("Status", status, DbType.Int32),
            ("SuspectTimes", "S127.0.0.1:1002:1,2024-01-01 00:00:00.000 GMT", DbType.String),
            ("Version", version, DbType.Int32)]);

    private Task<IReadOnlyList<Dictionary<string, object?>>> ReadAllAsync() =>
        StoredQuery.RunAsync(_connectionString, "MembershipReadAllKey", ("DeploymentId", _deployment, DbType.String));

    private Task<IReadOnlyList<Dictionary<string, object?>>> ReadRowAsync(int port) =>
        StoredQuery.RunAsync(_connectionString, "MembershipReadRowKey", SiloKey(port));

    private (string Name, object? Value, DbType Type)[] SiloKey(int port) =>
    [
        ("DeploymentId", _deployment, DbType.String),
        ("Address", "127.0.0.1", DbType.AnsiString),
        ("Port", port, DbType.Int32),
        ("Generation", 1, DbType.Int32),
    ];
}
