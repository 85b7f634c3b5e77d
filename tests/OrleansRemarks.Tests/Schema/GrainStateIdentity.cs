using System.Data;

namespace OrleansRemarks.Tests.Schema;

/// <summary>A stored grain state's identity as the grain storage provider sends it.</summary>
public sealed record GrainStateIdentity(string ServiceId, string StateName, long N0, long N1, string? Extension)
{
    /// <summary>A string-keyed grain's identity, unique per call.</summary>
    public static GrainStateIdentity NewStringKeyed() =>
        new("test-service", "remarks", 0, 0, "u/" + Guid.NewGuid().ToString("N"));

    public (string Name, object? Value, DbType Type)[] Parameters(params (string Name, object? Value, DbType Type)[] extra) =>
    [
        ("GrainIdHash", 12345, DbType.Int32),
        ("GrainIdN0", N0, DbType.Int64),
        ("GrainIdN1", N1, DbType.Int64),
        ("GrainTypeHash", 678, DbType.Int32),
        ("GrainTypeString", StateName, DbType.String),
        ("GrainIdExtensionString", Extension, DbType.String),
        ("ServiceId", ServiceId, DbType.String),
        .. extra,
    ];
}
