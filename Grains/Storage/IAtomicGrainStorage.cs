using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>Grain storage that can write several named states of one grain in one transaction.</summary>
public interface IAtomicGrainStorage : IGrainStorage
{
    /// <summary>
    /// Writes every state or none. Each state must already be stored, and each write's version
    /// check must hold; otherwise nothing is written and an <see cref="InconsistentStateException"/> is thrown.
    /// </summary>
    Task WriteTogetherAsync(GrainId grainId, IReadOnlyList<StateWrite> writes);
}
