using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

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
