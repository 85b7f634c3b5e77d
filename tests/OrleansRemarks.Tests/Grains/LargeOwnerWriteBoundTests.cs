using Npgsql;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansRemarks.Tests.Grains;

public sealed class LargeOwnerWriteBoundTests(ITestOutputHelper output)
{
    private const int Friends = 10_000;
    private const int MaxPayloadBytesPerChange = 32 * 1024;

    [Fact]
    public async Task One_change_to_an_owner_with_ten_thousand_friends_writes_at_most_32_KiB()
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var serviceId = "large-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await RemarkTestCluster.StartAsync(connectionString, serviceId, silos: 1);
        var owner = cluster.Client.GetUserFriendsGrain("big");
        foreach (var batch in Enumerable.Range(0, Friends).Chunk(200))
        {
            await Task.WhenAll(batch.Select(i => owner.ApplyRemarkAsync(Change(i, "remark-"))));
        }

        var worst = 0L;
        for (var i = 0; i < 40; i++)
        {
            var before = await StoredRowsAsync(connectionString, serviceId);
            // Half updates of existing friends, half new friends: both kinds of change, and new ones trigger splits.
            await owner.ApplyRemarkAsync(Change(i % 2 == 0 ? i * 97 : Friends + i, "change-"));
            var after = await StoredRowsAsync(connectionString, serviceId);
            var written = after.Where(row => !before.TryGetValue(row.Key, out var old) || old.Version != row.Value.Version)
                .Sum(row => row.Value.PayloadBytes);
            worst = Math.Max(worst, written);
        }

        var total = (await StoredRowsAsync(connectionString, serviceId)).Values.Sum(row => row.PayloadBytes);
        output.WriteLine($"largest payload written by one change: {worst} B; whole owner state: {total} B");
        Assert.InRange(worst, 1, MaxPayloadBytesPerChange);
        Assert.True(total > 20 * MaxPayloadBytesPerChange, $"the owner's state ({total} B) should dwarf one change's write");

        await cluster.DeactivateAsync(owner);
        Assert.Equal(Friends + 20, await CountRemarksAsync(owner));
    }

    private static RemarkChange Change(int friend, string remarkPrefix) =>
        new($"friend-{friend:D6}", $"{remarkPrefix}{friend:D6}-abcdefghij"[..20], Guid.NewGuid().ToString());

    private static async Task<int> CountRemarksAsync(IUserFriendsGrain owner)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await owner.ListRemarksAsync(new RemarkPageRequest(RemarkLimits.MaxPageSize, cursor));
            count += page.Items.Count;
            cursor = page.NextAfterFriendUserId;
        }
        while (cursor is not null);
        return count;
    }

    private static async Task<Dictionary<string, (int Version, long PayloadBytes)>> StoredRowsAsync(string connectionString, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT state_name, version, coalesce(octet_length(payload_binary), 0) FROM orleans_grain_state WHERE service_id = $1 AND grain_id_extension = $2",
            connection);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(UserFriendsGrainKey.For("big"));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (int, long)>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        }

        return rows;
    }
}
