using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>One named state of a grain to be written together with others (<see cref="IAtomicGrainStorage"/>).</summary>
public sealed class StateWrite
{
    private readonly Func<IGrainStorageSerializer, BinaryData> _serialize;
    private readonly Func<StateNameHasher, GrainId, int> _typeHash;
    private readonly Action<string> _stored;

    private StateWrite(
        string stateName, string? etag, bool replacesAnything,
        Func<IGrainStorageSerializer, BinaryData> serialize, Func<StateNameHasher, GrainId, int> typeHash, Action<string> stored)
    {
        StateName = stateName;
        ETag = etag;
        ReplacesAnything = replacesAnything;
        _serialize = serialize;
        _typeHash = typeHash;
        _stored = stored;
    }

    public string StateName { get; }

    /// <summary>The stored version the write expects; null when the state must not be stored yet.</summary>
    public string? ETag { get; }

    /// <summary>Whether the write replaces whatever is stored, if anything, instead of checking a version (<see cref="Replacing"/>).</summary>
    public bool ReplacesAnything { get; }

    /// <summary>The payload's size once <see cref="Serialize"/> ran.</summary>
    public long PayloadBytes { get; private set; }

    /// <summary>
    /// A write of <paramref name="state"/> over the version its ETag names (or, with no ETag, a first
    /// write), which receives the new ETag once every write of its group is stored.
    /// </summary>
    public static StateWrite Of<T>(string stateName, IGrainState<T> state) =>
        Create(stateName, state, state.ETag, replacesAnything: false);

    /// <summary>
    /// A write of <paramref name="state"/> that replaces whatever the storage holds under
    /// <paramref name="stateName"/>, if anything. Only safe beside a version-checked write of the same
    /// group that every other writer of this state must also pass (a split's layout).
    /// </summary>
    public static StateWrite Replacing<T>(string stateName, IGrainState<T> state) =>
        Create(stateName, state, etag: null, replacesAnything: true);

    public BinaryData Serialize(IGrainStorageSerializer serializer)
    {
        var payload = _serialize(serializer);
        PayloadBytes = payload.ToMemory().Length;
        return payload;
    }

    /// <summary>The state name's hash as the ADO.NET provider would store it with this state's row.</summary>
    public int TypeHash(StateNameHasher hasher, GrainId grainId) => _typeHash(hasher, grainId);

    public void Stored(string etag) => _stored(etag);

    private static StateWrite Create<T>(string stateName, IGrainState<T> state, string? etag, bool replacesAnything) =>
        new(stateName, etag, replacesAnything,
            serializer => serializer.Serialize(state.State),
            (hasher, grainId) => hasher.Hash(stateName, grainId, state),
            stored =>
            {
                state.ETag = stored;
                state.RecordExists = true;
            });
}
