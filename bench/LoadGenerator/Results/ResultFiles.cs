using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrleansRemarks.Bench.LoadGenerator.Results;

public static class ResultFiles
{
    public static async Task WriteAsync<T>(string path, T value, JsonTypeInfo<T> type)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, value, type);
    }

    public static async Task<T> ReadAsync<T>(string path, JsonTypeInfo<T> type)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(file, type) ?? throw new InvalidDataException($"{path} is empty.");
    }
}
