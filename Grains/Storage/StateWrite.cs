using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>One named state of a grain to be written together with others (<see cref="IAtomicGrainStorage"/>).</summary>
public sealed class StateWrite
{
    private readonly Func<IGrainStorageSerializer, BinaryData> _serialize;
    private readonly Action<string> _stored;

    private StateWrite(string stateName, string? etag, Func<IGrainStorageSerializer, BinaryData> serialize, Action<string> stored)
    {
        StateName = stateName;
        ETag = etag;
        _serialize = serialize;
        _stored = stored;
    }

    public string StateName { get; }

    /// <summary>The stored version the write expects; the state must exist.</summary>
    public string? ETag { get; }

    /// <summary>The payload's size once <see cref="Serialize"/> ran.</summary>
    public long PayloadBytes { get; private set; }

    /// <summary>A write of <paramref name="state"/>, which receives the new ETag once every write of its group is stored.</summary>
    public static StateWrite Of<T>(string stateName, IGrainState<T> state) =>
        new(stateName, state.ETag, serializer => serializer.Serialize(state.State), etag =>
        {
            state.ETag = etag;
            state.RecordExists = true;
        });

    public BinaryData Serialize(IGrainStorageSerializer serializer)
    {
        var payload = _serialize(serializer);
        PayloadBytes = payload.ToMemory().Length;
        return payload;
    }

    public void Stored(string etag) => _stored(etag);
}
