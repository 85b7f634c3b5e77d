using Microsoft.Extensions.Options;

namespace OrleansRemarks.ServiceDefaults;

/// <summary>
/// Which cluster a process belongs to (section "Orleans"). Every silo and web front of a deployment
/// must agree on both values; the WebFront's Orleans client and every silo map them onto Orleans' <c>ClusterOptions</c>.
/// </summary>
public sealed class ClusterIdentityOptions
{
    public const string SectionName = "Orleans";
    public const string DefaultId = "orleansremarks";

    /// <summary>The deployment: silos with the same ClusterId form one cluster through the membership table.</summary>
    public string ClusterId { get; set; } = DefaultId;

    /// <summary>Stays the same across deployments: grain state is stored under it.</summary>
    public string ServiceId { get; set; } = DefaultId;
}

public sealed class ClusterIdentityOptionsValidator : IValidateOptions<ClusterIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterIdentityOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add(EmptyFailure(nameof(options.ClusterId)));
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add(EmptyFailure(nameof(options.ServiceId)));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string EmptyFailure(string key) =>
        $"{ClusterIdentityOptions.SectionName}:{key} must not be empty: leave it unset for \"{ClusterIdentityOptions.DefaultId}\" " +
        "or give every silo and web front the same value.";
}
