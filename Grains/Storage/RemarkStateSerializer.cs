using System.Text.Json;
using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Stores state as plain UTF-8 JSON (System.Text.Json, source-generated): no CLR type names in the
/// payload, so operators can read it with convert_from(payload_binary, 'UTF8')::jsonb and a
/// renamed class never orphans stored rows.
/// </summary>
public sealed class RemarkStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(input, RemarkStateJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new NotSupportedException($"{typeof(T)} is not a remark state type."));
        WrittenPayload.Add(payload.Length);
        return new BinaryData(payload);
    }

    public T Deserialize<T>(BinaryData input) =>
        (T)(JsonSerializer.Deserialize(input.ToMemory().Span, RemarkStateJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new NotSupportedException($"{typeof(T)} is not a remark state type."))
            ?? throw new JsonException($"Stored {typeof(T).Name} is null."));
}
