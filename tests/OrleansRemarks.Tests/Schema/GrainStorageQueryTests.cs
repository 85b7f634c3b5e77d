using System.Data;
using System.Text;

namespace OrleansRemarks.Tests.Schema;

/// <summary>The grain storage query texts keep the provider's version contract.</summary>
public sealed class GrainStorageQueryTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private readonly string _connectionString = database.ConnectionString;

    [Fact]
    public async Task First_write_stores_version_1_and_read_returns_it()
    {
        var grain = GrainStateIdentity.NewStringKeyed();

        Assert.Equal(1, await WriteAsync(grain, null, "first"));

        var row = Assert.Single(await ReadAsync(grain));
        Assert.Equal("first", Encoding.UTF8.GetString((byte[])row["PayloadBinary"]!));
        Assert.Equal(1, row["Version"]);
    }

    [Fact]
    public async Task Read_of_a_state_never_written_returns_no_row()
    {
        Assert.Empty(await ReadAsync(GrainStateIdentity.NewStringKeyed()));
    }

    [Fact]
    public async Task Write_with_the_current_version_returns_the_next_version()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");

        Assert.Equal(2, await WriteAsync(grain, 1, "second"));
        Assert.Equal(3, await WriteAsync(grain, 2, "third"));

        var row = Assert.Single(await ReadAsync(grain));
        Assert.Equal("third", Encoding.UTF8.GetString((byte[])row["PayloadBinary"]!));
        Assert.Equal(3, row["Version"]);
    }

    [Fact]
    public async Task Write_with_a_stale_version_returns_that_old_version_and_changes_nothing()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");
        await WriteAsync(grain, 1, "second");

        Assert.Equal(1, await WriteAsync(grain, 1, "stale"));

        var row = Assert.Single(await ReadAsync(grain));
        Assert.Equal("second", Encoding.UTF8.GetString((byte[])row["PayloadBinary"]!));
        Assert.Equal(2, row["Version"]);
    }

    [Fact]
    public async Task First_write_over_an_existing_row_returns_null_and_changes_nothing()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");

        var result = Assert.Single(await StoredQuery.RunAsync(_connectionString, "WriteToStorageKey", WriteParameters(grain, null, "again")));

        Assert.True(result.ContainsKey("NewGrainStateVersion"));
        Assert.Null(result["NewGrainStateVersion"]);
        Assert.Equal(1, Assert.Single(await ReadAsync(grain))["Version"]);
    }

    [Fact]
    public async Task Write_to_a_row_that_does_not_exist_with_a_version_returns_that_version()
    {
        Assert.Equal(4, await WriteAsync(GrainStateIdentity.NewStringKeyed(), 4, "ghost"));
    }

    [Fact]
    public async Task Null_key_extension_is_one_identity_with_empty_extension()
    {
        var grain = new GrainStateIdentity("test-service", "remarks", 0, Random.Shared.NextInt64(1, long.MaxValue), null);
        await WriteAsync(grain, null, "null extension");

        Assert.Equal(2, await WriteAsync(grain with { Extension = "" }, 1, "empty extension"));
        Assert.Equal(2, Assert.Single(await ReadAsync(grain))["Version"]);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_version_let_exactly_one_win()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => WriteAsync(grain, 1, $"writer {i}")));

        Assert.Equal(1, results.Count(version => version == 2));
        Assert.Equal(15, results.Count(version => version == 1));
        Assert.Equal(2, Assert.Single(await ReadAsync(grain))["Version"]);
    }

    [Fact]
    public async Task Concurrent_first_writes_create_one_row_and_the_others_get_null()
    {
        var grain = GrainStateIdentity.NewStringKeyed();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => WriteAsync(grain, null, $"writer {i}")));

        Assert.Equal(1, results.Count(version => version == 1));
        Assert.Equal(15, results.Count(version => version is null));
    }

    [Fact]
    public async Task Clear_with_the_current_version_empties_the_payload_and_returns_the_next_version()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");

        Assert.Equal(2, await ClearAsync(grain, 1));

        var row = Assert.Single(await ReadAsync(grain));
        Assert.Null(row["PayloadBinary"]);
        Assert.Equal(2, row["Version"]);
        Assert.Equal(3, await WriteAsync(grain, 2, "after clear"));
    }

    [Fact]
    public async Task Clear_with_a_stale_version_returns_that_old_version_and_keeps_the_payload()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");
        await WriteAsync(grain, 1, "second");

        Assert.Equal(1, await ClearAsync(grain, 1));

        Assert.NotNull(Assert.Single(await ReadAsync(grain))["PayloadBinary"]);
    }

    [Fact]
    public async Task Batched_update_with_the_current_version_returns_the_next_version_and_the_provider_goes_on_from_it()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");

        Assert.Equal(2, Assert.Single(await BatchedUpdateAsync(grain, 1, "batched")));
        Assert.Equal("batched", Encoding.UTF8.GetString((byte[])Assert.Single(await ReadAsync(grain))["PayloadBinary"]!));
        Assert.Equal(3, await WriteAsync(grain, 2, "provider"));
        Assert.Equal(4, Assert.Single(await BatchedUpdateAsync(grain, 3, "batched again")));
    }

    [Fact]
    public async Task Batched_update_with_a_stale_version_returns_no_row_and_changes_nothing()
    {
        var grain = GrainStateIdentity.NewStringKeyed();
        await WriteAsync(grain, null, "first");
        await WriteAsync(grain, 1, "second");

        Assert.Empty(await BatchedUpdateAsync(grain, 1, "stale"));

        var row = Assert.Single(await ReadAsync(grain));
        Assert.Equal("second", Encoding.UTF8.GetString((byte[])row["PayloadBinary"]!));
        Assert.Equal(2, row["Version"]);
    }

    [Fact]
    public async Task Batched_update_of_a_state_never_written_returns_no_row_and_inserts_nothing()
    {
        var grain = GrainStateIdentity.NewStringKeyed();

        Assert.Empty(await BatchedUpdateAsync(grain, 1, "nowhere"));

        Assert.Empty(await ReadAsync(grain));
    }

    [Fact]
    public async Task Batched_update_leaves_an_integer_keyed_row_with_the_same_extension_alone()
    {
        var stringKeyed = GrainStateIdentity.NewStringKeyed();
        var integerKeyed = stringKeyed with { N0 = 7 };
        await WriteAsync(integerKeyed, null, "integer key");

        Assert.Empty(await BatchedUpdateAsync(stringKeyed, 1, "string key"));

        Assert.Equal("integer key", Encoding.UTF8.GetString((byte[])Assert.Single(await ReadAsync(integerKeyed))["PayloadBinary"]!));
    }

    private async Task<int[]> BatchedUpdateAsync(GrainStateIdentity grain, int version, string payload) =>
        [.. (await StoredQuery.RunAsync(_connectionString, "UpdateStringKeyStateBatchedKey", WriteParameters(grain, version, payload)))
            .Select(row => (int)row["NewGrainStateVersion"]!)];

    private async Task<int?> WriteAsync(GrainStateIdentity grain, int? version, string payload) =>
        (int?)await StoredQuery.ScalarAsync(_connectionString, "WriteToStorageKey", WriteParameters(grain, version, payload));

    private async Task<int?> ClearAsync(GrainStateIdentity grain, int? version) =>
        (int?)await StoredQuery.ScalarAsync(_connectionString, "ClearStorageKey", grain.Parameters(("GrainStateVersion", version, DbType.Int32)));

    private Task<IReadOnlyList<Dictionary<string, object?>>> ReadAsync(GrainStateIdentity grain) =>
        StoredQuery.RunAsync(_connectionString, "ReadFromStorageKey", grain.Parameters());

    private static (string Name, object? Value, DbType Type)[] WriteParameters(GrainStateIdentity grain, int? version, string payload) =>
        grain.Parameters(("GrainStateVersion", version, DbType.Int32), ("PayloadBinary", Encoding.UTF8.GetBytes(payload), DbType.Binary));
}
