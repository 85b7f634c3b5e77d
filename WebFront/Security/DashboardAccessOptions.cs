namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// Who may open the Orleans dashboard (section <c>Dashboard</c>). Operators and query API readers are
/// different people: the dashboard shows grain state and the live log, so it can have keys of its own.
/// </summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Operator keys (<c>Dashboard:Keys:0</c>, …), in the same form as <c>Api:Keys</c>. When none is
    /// set, the dashboard falls back to <c>Api:Keys</c>; when neither is set, it is not served.
    /// </summary>
    public string[] Keys { get; set; } = [];

    /// <summary>The keys that open the dashboard: its own, else the query API's.</summary>
    public static IReadOnlyList<string> OperatorKeys(DashboardAccessOptions dashboard, ApiAccessOptions api) =>
        dashboard.Keys.Length > 0 ? dashboard.Keys : api.Keys;
}
