using System.Globalization;
using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Several named states of one grain read together (<see cref="IAtomicGrainStorage.ReadStatesAsync"/>).
/// Each is what the provider's own read would have given: a row makes the state exist with its
/// version as the ETag (an empty value when the payload was cleared); no row, the empty value and no ETag.
/// </summary>
public sealed class StoredStates(IReadOnlyList<StoredStateRow> rows, IGrainStorageSerializer serializer)
{
    private readonly Dictionary<string, StoredStateRow> _rows = rows.ToDictionary(row => row.StateName, StringComparer.Ordinal);

    /// <summary>The names of the states that have a row.</summary>
    public IEnumerable<string> Names => _rows.Keys;

    public Stored<T> Get<T>(string stateName, T empty)
        where T : class =>
        !_rows.TryGetValue(stateName, out var row) ? new Stored<T>(empty, null, false)
        : new Stored<T>(
            (row.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : null) ?? empty,
            row.Version.ToString(CultureInfo.InvariantCulture),
            true);

    /// <summary>A bucket state as <see cref="Get{T}"/> would give it, but with its stored JSON left unparsed until first used.</summary>
    public StoredBucket GetBucket(string stateName) =>
        _rows.TryGetValue(stateName, out var row) && row.Payload is { } payload
            ? StoredBucket.Unparsed(payload, row.Version.ToString(CultureInfo.InvariantCulture), serializer)
            : StoredBucket.Of(Get(stateName, RemarkBucket.Empty));
}
