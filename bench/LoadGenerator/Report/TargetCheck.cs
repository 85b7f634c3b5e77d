namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <param name="Topology">The topology whose figures were checked (<see cref="Topologies"/>).</param>
public sealed record TargetCheck(string Name, string Topology, string Requirement, double Actual, bool Met);
