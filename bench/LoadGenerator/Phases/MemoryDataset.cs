using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace OrleansRemarks.Bench.LoadGenerator.Phases;

/// <summary>
/// The memory phase's owners (issue #14 item 3): IDs and remarks of 10–20 characters, one applied
/// change with an operationID per friend. Stored straight into the product's table in the
/// product's format (layout and buckets as linear hashing places them, see docs/SCHEMA.md and
/// Grains/Storage), because a million callbacks would take minutes; the owners become active by a read.
/// </summary>
public sealed class MemoryDataset(int owners, int friendsPerOwner)
{
    private const long TargetBucketBytes = 2 * 1024;
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private static readonly string[] Words = ["Bob", "同事 Li", "Mom", "gym buddy", "Dr. Müller", "Ana & Co", "老王", "Project X"];

    public int Owners => owners;

    public int FriendsPerOwner => friendsPerOwner;

    public long Remarks => (long)owners * friendsPerOwner;

    public static string Owner(int index) => Id(7_000_000_000L + index);

    public static string Friend(int owner, int friend) => Id(8_000_000_000L + ((long)owner * 1000) + friend);

    public static string Remark(int owner, int friend)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Words[(owner + friend) % Words.Length]} {owner}.{friend}");
        var length = 10 + ((owner * 7 + friend) % 11);
        return text.Length >= length ? text[..length] : text + new string('x', length - text.Length);
    }

    /// <summary>Writes every owner's layout and buckets for <paramref name="serviceId"/> (binary COPY).</summary>
    public async Task SeedAsync(NpgsqlDataSource postgres, string serviceId)
    {
        await using var connection = await postgres.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, grain_id_hash, grain_type_hash, payload_binary, version) FROM STDIN (FORMAT BINARY)");
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var o = 0; o < owners; o++)
        {
            var entries = Enumerable.Range(0, friendsPerOwner).Select(f => (Friend: Friend(o, f), Json: Entry(o, f, at))).ToArray();
            // The product splits while the average bucket is over 2 KiB (by its own size estimate, near the JSON size).
            var total = entries.Sum(entry => (long)Encoding.UTF8.GetByteCount(entry.Json));
            var buckets = (int)Math.Max(1, (total + TargetBucketBytes - 1) / TargetBucketBytes);
            var level = 0;
            while (2 << level <= buckets)
            {
                level++;
            }

            var split = buckets - (1 << level);
            var grainKey = "u/" + Owner(o);
            if (buckets > 1)
            {
                await RowAsync(import, serviceId, "userfriends.layout", grainKey, string.Create(CultureInfo.InvariantCulture, $$"""{"level":{{level}},"split":{{split}}}"""));
            }

            foreach (var bucket in entries.GroupBy(entry => BucketOf(Fnv1a(entry.Friend), level, split)))
            {
                var friends = bucket.ToArray();
                await RowAsync(import, serviceId, "userfriends.bucket." + bucket.Key.ToString(CultureInfo.InvariantCulture), grainKey,
                    string.Create(CultureInfo.InvariantCulture, $$"""{"applied":{{friends.Length}},"friends":[{{string.Join(',', friends.Select(f => f.Json))}}]}"""));
            }
        }

        await import.CompleteAsync();
    }

    private static string Entry(int owner, int friend, long at) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"f":"{{Friend(owner, friend)}}","h":[{"o":"{{OperationId(owner, friend)}}","r":"{{Remark(owner, friend)}}","t":{{at}}}]}""");

    /// <summary>OpenIM's operationID shape: a millisecond timestamp and a counter.</summary>
    private static string OperationId(int owner, int friend) =>
        string.Create(CultureInfo.InvariantCulture, $"{1_733_000_000_000L + owner}{friend:D6}");

    /// <summary>10 digits, then 0–10 letters: IDs of 10 to 20 characters.</summary>
    private static string Id(long number)
    {
        var digits = (number % 10_000_000_000L).ToString("D10", CultureInfo.InvariantCulture);
        var extra = (int)(number % 11);
        return digits + Letters[..extra];
    }

    private static int BucketOf(uint hash, int level, int split)
    {
        var bucket = (int)(hash & (uint)((1 << level) - 1));
        return bucket < split ? (int)(hash & (uint)((2 << level) - 1)) : bucket;
    }

    /// <summary>The product's friend hash (FNV-1a over UTF-8); the IDs here are ASCII.</summary>
    private static uint Fnv1a(string id)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    private static async Task RowAsync(NpgsqlBinaryImporter import, string serviceId, string stateName, string grainKey, string json)
    {
        await import.StartRowAsync();
        await import.WriteAsync(serviceId, NpgsqlDbType.Text);
        await import.WriteAsync(stateName, NpgsqlDbType.Text);
        await import.WriteAsync(0L, NpgsqlDbType.Bigint);
        await import.WriteAsync(0L, NpgsqlDbType.Bigint);
        await import.WriteAsync(grainKey, NpgsqlDbType.Text);
        await import.WriteAsync(0, NpgsqlDbType.Integer);
        await import.WriteAsync(0, NpgsqlDbType.Integer);
        await import.WriteAsync(Encoding.UTF8.GetBytes(json), NpgsqlDbType.Bytea);
        await import.WriteAsync(1, NpgsqlDbType.Integer);
    }
}
