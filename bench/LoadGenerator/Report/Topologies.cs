namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>How the product runs in a benchmark (bench/run.sh's BENCH_TOPOLOGY).</summary>
public static class Topologies
{
    /// <summary>One WebFront process that hosts its silo (<c>Orleans:CoHostSilo=true</c>).</summary>
    public const string CoHosted = "cohosted";

    /// <summary>A Silo process and a WebFront process whose Orleans client goes through the silo's gateway.</summary>
    public const string Separate = "separate";

    public static string Validate(string topology) =>
        string.Equals(topology, CoHosted, StringComparison.Ordinal) || string.Equals(topology, Separate, StringComparison.Ordinal)
            ? topology
            : throw new ArgumentException($"A topology is '{CoHosted}' or '{Separate}', not '{topology}'.");
}
