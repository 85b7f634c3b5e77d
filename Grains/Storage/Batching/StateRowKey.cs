namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// The stored row of one named state of a grain with a plain string key, exactly as the ADO.NET
/// provider keys it: state name, grain_id_n0 = grain_id_n1 = 0, and the string key as the extension.
/// </summary>
public readonly record struct StateRowKey(string StateName, string GrainKey) : IComparable<StateRowKey>
{
    /// <summary>
    /// Only string keys that do not parse as a GUID or integer key: the provider stores those
    /// differently, so their writes keep going through it.
    /// </summary>
    public static bool TryCreate(string stateName, GrainId grainId, out StateRowKey key)
    {
        if (grainId.TryGetGuidKey(out _, out _) || grainId.TryGetIntegerKey(out _, out _))
        {
            key = default;
            return false;
        }

        key = new StateRowKey(stateName, grainId.Key.ToString()!);
        return true;
    }

    public int CompareTo(StateRowKey other)
    {
        var byKey = string.CompareOrdinal(GrainKey, other.GrainKey);
        return byKey != 0 ? byKey : string.CompareOrdinal(StateName, other.StateName);
    }
}
