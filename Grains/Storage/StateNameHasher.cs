using System.Text;
using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// A state name's hash (the <c>grain_type_hash</c> column) exactly as the ADO.NET provider computes it
/// for a row it writes: its configured hasher picker, asked with the provider's service ID and name,
/// hashing the name's UTF-8 bytes. Rows created outside the provider (<see cref="IAtomicGrainStorage.WriteTogetherAsync"/>)
/// so look like the provider's own.
/// </summary>
public sealed class StateNameHasher(IStorageHasherPicker picker, string serviceId, string providerName)
{
    public int Hash<T>(string stateName, GrainId grainId, IGrainState<T> state) =>
        (picker.PickHasher(serviceId, providerName, stateName, grainId, state)
            ?? throw new InvalidOperationException($"The storage hasher picker gave no hasher for state {stateName}."))
        .Hash(Encoding.UTF8.GetBytes(stateName));
}
