using System.Globalization;
using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// The remark grains' storage: reads, clears and first writes go to the ADO.NET provider as they
/// are; updates of string-keyed grains go through <see cref="StateWriteBatcher"/>, which runs one
/// update query for many grains in one round trip, with the same version contract as the provider's
/// write. Version conflicts surface exactly as the provider raises them, as <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class BatchingGrainStorage(IGrainStorage provider, StateWriteBatcher batcher, IGrainStorageSerializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (string.IsNullOrWhiteSpace(grainState.ETag)
            || !int.TryParse(grainState.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected)
            || !StateRowKey.TryCreate(stateName, grainId, out var row))
        {
            await provider.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var payload = serializer.Serialize(grainState.State).ToMemory();
        var stored = await batcher.WriteAsync(new PendingStateWrite(row, expected, payload));
        if (stored is not { } version)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): State={stateName} GrainId={grainId} ETag={grainState.ETag}.",
                storedEtag: null,
                currentEtag: grainState.ETag);
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }
}
