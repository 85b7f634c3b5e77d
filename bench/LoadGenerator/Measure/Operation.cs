namespace OrleansRemarks.Bench.LoadGenerator.Measure;

/// <summary>One request of worker <c>worker</c>; true when it succeeded. Exceptions count as failures.</summary>
public delegate Task<bool> Operation(int worker);
