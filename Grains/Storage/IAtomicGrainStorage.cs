using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>Grain storage that can write several named states of one grain in one transaction, and read several in one query.</summary>
public interface IAtomicGrainStorage : IGrainStorage
{
    /// <summary>
    /// Writes every state or none, in one round trip. A write with an ETag requires that stored
    /// version, one without requires the state not to be stored yet, and a
    /// <see cref="StateWrite.Replacing"/> write takes whatever is stored; when any requirement does not
    /// hold nothing is written and an <see cref="InconsistentStateException"/> is thrown. At least
    /// one state of the grain must be stored already (written before, or updated in this group).
    /// </summary>
    Task WriteTogetherAsync(GrainId grainId, IReadOnlyList<StateWrite> writes);

    /// <summary>
    /// Every stored state of the grain named in <paramref name="stateNames"/> or, unless
    /// <paramref name="stateNamePrefix"/> is null, whose name starts with it, in one query, so all
    /// of them are one snapshot.
    /// </summary>
    /// <returns>Null when this storage cannot read that grain's states together (then read them one by one).</returns>
    Task<StoredStates?> ReadStatesAsync(GrainId grainId, IReadOnlyList<string> stateNames, string? stateNamePrefix);
}
