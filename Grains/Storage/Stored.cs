namespace OrleansRemarks.Grains.Storage;

/// <summary>A state as storage last confirmed it, with the version (ETag) the next write must match.</summary>
public sealed record Stored<T>(T Value, string? ETag, bool Exists);
