namespace OrleansRemarks.FaultRunner.Verification;

/// <summary>One successful read through the query API; <paramref name="Remark"/> is null for a 404.</summary>
public sealed record ApiRead(string? Remark);
