using System.Text;
using System.Text.Json;
using Npgsql;

namespace OrleansRemarks.FaultRunner.Verification;

/// <summary>
/// Reads the owners' remark buckets straight from PostgreSQL (the grain's stored JSON), so an
/// acknowledged change is checked where it must be durable, not only in a silo's memory.
/// </summary>
public sealed class DatabaseReader(string connectionString, string serviceId)
{
    private const string GrainKeyPrefix = "u/";
    private const string BucketStatePrefix = "userfriends.bucket.";
    private const int Attempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>No pool: a connection kept from before a PostgreSQL restart would fail the first read.</summary>
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public async Task<StoredRemarks> ReadAsync(string ownerPrefix, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReadOnceAsync(ownerPrefix, cancellationToken);
            }
            catch (NpgsqlException) when (attempt < Attempts)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    private async Task<StoredRemarks> ReadOnceAsync(string ownerPrefix, CancellationToken cancellationToken)
    {
        var remarks = new Dictionary<(string, string), string?>();
        long applied = 0;
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT grain_id_extension, payload_binary FROM orleans_grain_state
            WHERE service_id = $1 AND left(state_name, length($2)) = $2 AND left(grain_id_extension, length($3)) = $3
              AND payload_binary IS NOT NULL
            """,
            connection);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(BucketStatePrefix);
        command.Parameters.AddWithValue(GrainKeyPrefix + ownerPrefix + "-");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var owner = reader.GetString(0)[GrainKeyPrefix.Length..];
            using var bucket = JsonDocument.Parse(Encoding.UTF8.GetString((byte[])reader[1]));
            applied += bucket.RootElement.GetProperty("applied").GetInt64();
            foreach (var friend in bucket.RootElement.GetProperty("friends").EnumerateArray())
            {
                var history = friend.GetProperty("h");
                var latest = history[history.GetArrayLength() - 1];
                var remark = latest.TryGetProperty("r", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                remarks.TryAdd((owner, friend.GetProperty("f").GetString()!), string.IsNullOrEmpty(remark) ? null : remark);
            }
        }

        return new StoredRemarks(remarks, applied);
    }
}

/// <summary>What PostgreSQL holds for a scenario's owners: remark per (owner, friend), and the changes applied.</summary>
public sealed record StoredRemarks(IReadOnlyDictionary<(string Owner, string Friend), string?> Remarks, long AppliedChanges);
