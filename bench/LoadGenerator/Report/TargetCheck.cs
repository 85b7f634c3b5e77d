namespace OrleansRemarks.Bench.LoadGenerator.Report;

public sealed record TargetCheck(string Name, string Requirement, double Actual, bool Met);
