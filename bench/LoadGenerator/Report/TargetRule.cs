using System.Globalization;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>
/// One target: a figure of a topology's run, and the bound it must stay within in each topology
/// (null: not checked in that topology).
/// </summary>
/// <param name="Requirement">The requirement in words, <c>{0}</c> standing for the bound.</param>
/// <param name="AtMost">True: the figure must be ≤ the bound; false: ≥ the bound.</param>
public sealed record TargetRule(
    string Name,
    string Requirement,
    Func<TopologyRun, double> Actual,
    bool AtMost,
    double? CoHosted,
    double? Separate)
{
    public double? BoundFor(string topology) =>
        string.Equals(topology, Topologies.Separate, StringComparison.Ordinal) ? Separate : CoHosted;

    /// <summary>The check of <paramref name="run"/>, or null when this target does not apply to its topology.</summary>
    public TargetCheck? Check(TopologyRun run)
    {
        if (BoundFor(run.Topology) is not { } bound)
        {
            return null;
        }

        var actual = Actual(run);
        var met = AtMost ? actual <= bound : actual >= bound;
        return new TargetCheck(Name, run.Topology, string.Format(CultureInfo.InvariantCulture, Requirement, bound), actual, met);
    }
}
