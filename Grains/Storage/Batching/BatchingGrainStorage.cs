using System.Globalization;
using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>
/// The remark grains' storage: reads, clears and first writes (other than those of a write of several
/// states together) go to the ADO.NET provider as they are; updates of string-keyed grains go through <see cref="StateWriteBatcher"/>, which runs one
/// update query for many grains in one round trip, with the same version contract as the provider's
/// write. Version conflicts surface exactly as the provider raises them, as <see cref="InconsistentStateException"/>.
/// With <paramref name="batchUpdates"/> false (<c>Orleans:WriteBatching:Enabled=false</c>) every single write goes to
/// the provider; writes of several states together (<see cref="WriteTogetherAsync"/>) always run as one statement,
/// first writes included, with the rows they create hashed as the provider would (<see cref="StateNameHasher"/>).
/// Several states of one string-keyed grain are read in one query (<see cref="ReadStatesAsync"/>, <see cref="StateRowReader"/>).
/// </summary>
public sealed class BatchingGrainStorage(
    IGrainStorage provider,
    StateWriteBatcher batcher,
    StateRowReader reader,
    IGrainStorageSerializer serializer,
    StateNameHasher hasher,
    bool batchUpdates = true)
    : IAtomicGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ReadStateAsync(stateName, grainId, grainState);

    public async Task<StoredStates?> ReadStatesAsync(GrainId grainId, IReadOnlyList<string> stateNames, string? stateNamePrefix)
    {
        // Integer and GUID keys are stored under other columns; only plain string keys are read together.
        if (!StateRowKey.TryCreate(stateNamePrefix ?? string.Empty, grainId, out var row))
        {
            return null;
        }

        return new StoredStates(await reader.ReadAsync(row.GrainKey, stateNames, stateNamePrefix), serializer);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!batchUpdates
            || string.IsNullOrWhiteSpace(grainState.ETag)
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

    public async Task WriteTogetherAsync(GrainId grainId, IReadOnlyList<StateWrite> writes)
    {
        var pending = new List<PendingStateWrite>(writes.Count);
        foreach (var write in writes)
        {
            if (!StateRowKey.TryCreate(write.StateName, grainId, out var row))
            {
                throw new InvalidOperationException($"State {write.StateName} of {grainId} cannot be written with others: its grain has no plain string key.");
            }

            int expected;
            if (write.ReplacesAnything)
            {
                expected = PendingStateWrite.AnyVersion;
            }
            else if (string.IsNullOrWhiteSpace(write.ETag))
            {
                expected = 0;
            }
            else if (!int.TryParse(write.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out expected) || expected < 1)
            {
                throw new InvalidOperationException($"State {write.StateName} of {grainId} has ETag {write.ETag}, which is no version this storage wrote.");
            }

            pending.Add(new PendingStateWrite(row, expected, write.Serialize(serializer).ToMemory())
            {
                GrainTypeHash = expected > 0 ? 0 : write.TypeHash(hasher, grainId),
            });
        }

        if (pending.Count == 0)
        {
            return;
        }

        if (!await batcher.WriteTogetherAsync(pending))
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteTogether): GrainId={grainId} States={string.Join(",", writes.Select(w => w.StateName + "@" + (w.ReplacesAnything ? "any" : w.ETag ?? "none")))}; nothing was written.");
        }

        for (var i = 0; i < writes.Count; i++)
        {
            writes[i].Stored((await pending[i].Completion.Task)!.Value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
