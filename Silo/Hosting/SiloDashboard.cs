using Orleans.Dashboard;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>
/// The silo half of the Orleans dashboard: its grains and the per-call profiler that feeds it. The
/// pages themselves are served by the web fronts at <c>/dashboard</c>, to authenticated operators only;
/// silos serve no dashboard HTTP of their own.
/// </summary>
public static class SiloDashboard
{
    public static ISiloBuilder AddRemarksDashboard(this ISiloBuilder silo) => silo.AddDashboard();
}
