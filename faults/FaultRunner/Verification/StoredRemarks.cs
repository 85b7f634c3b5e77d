namespace OrleansRemarks.FaultRunner.Verification;

/// <summary>What PostgreSQL holds for a scenario's owners: remark per (owner, friend), and the changes applied.</summary>
public sealed record StoredRemarks(IReadOnlyDictionary<(string Owner, string Friend), string?> Remarks, long AppliedChanges);
