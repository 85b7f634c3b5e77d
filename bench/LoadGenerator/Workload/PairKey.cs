namespace OrleansRemarks.Bench.LoadGenerator.Workload;

public readonly record struct PairKey(string Owner, string Friend);
