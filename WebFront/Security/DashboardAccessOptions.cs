using Microsoft.Extensions.Options;

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

/// <summary>Checks the form of the dashboard's keys, never echoing one.</summary>
public sealed class DashboardAccessOptionsValidator : IValidateOptions<DashboardAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options)
    {
        var failures = new List<string>();
        for (var index = 0; index < options.Keys.Length; index++)
        {
            if (!ApiAccessOptionsValidator.IsValidKey(options.Keys[index]))
            {
                failures.Add(ApiAccessOptionsValidator.KeyFormatFailure($"{DashboardAccessOptions.SectionName}:Keys:{index}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
