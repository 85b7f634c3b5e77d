using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Stores state as plain UTF-8 JSON (System.Text.Json, source-generated): no CLR type names in the
/// payload, so operators can read it with convert_from(payload_binary, 'UTF8')::jsonb and a
/// renamed class never orphans stored rows. Text is written unescaped (<see cref="MinimalJsonEncoder"/>):
/// a Chinese character takes 3 bytes, not the 6 of <c>\uXXXX</c>. Reading accepts both, so rows
/// written with escapes before still load.
/// </summary>
public sealed class RemarkStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = MinimalJsonEncoder.Instance,
        TypeInfoResolver = RemarkStateJsonContext.Default,
    };

    public BinaryData Serialize<T>(T? input)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(input, TypeInfo<T>());
        WrittenPayload.Add(payload.Length);
        return new BinaryData(payload);
    }

    public T Deserialize<T>(BinaryData input) =>
        (T)(JsonSerializer.Deserialize(input.ToMemory().Span, TypeInfo<T>())
            ?? throw new JsonException($"Stored {typeof(T).Name} is null."));

    /// <summary>One friend's entry, read from <paramref name="reader"/> positioned on its start, as <see cref="Deserialize{T}"/> reads it within a bucket.</summary>
    public static FriendEntry ReadFriend(ref Utf8JsonReader reader) =>
        (FriendEntry)(JsonSerializer.Deserialize(ref reader, TypeInfo<FriendEntry>())
            ?? throw new JsonException("Stored FriendEntry is null."));

    private static JsonTypeInfo TypeInfo<T>() =>
        Options.TryGetTypeInfo(typeof(T), out var typeInfo)
            ? typeInfo
            : throw new NotSupportedException($"{typeof(T)} is not a remark state type.");
}
