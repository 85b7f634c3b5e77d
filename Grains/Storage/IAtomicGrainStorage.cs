using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>Grain storage that can write several named states of one grain in one transaction, and read several in one query.</summary>
public interface IAtomicGrainStorage : IGrainStorage
{
    /// <summary>
    /// Writes every state or none. Each state must already be stored, and each write's version
    /// check must hold; otherwise nothing is written and an <see cref="InconsistentStateException"/> is thrown.
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
