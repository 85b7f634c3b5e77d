namespace OrleansRemarks.Silo.Configuration;

/// <summary>Which cluster a silo joins (section "Orleans"). Silos and clients must agree on both values.</summary>
public sealed class ClusterIdentityOptions
{
    public const string SectionName = "Orleans";
    public const string DefaultId = "orleansremarks";

    /// <summary>The deployment: silos with the same ClusterId form one cluster through the membership table.</summary>
    public string ClusterId { get; set; } = DefaultId;

    /// <summary>Stays the same across deployments: grain state is stored under it.</summary>
    public string ServiceId { get; set; } = DefaultId;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return $"{SectionName}:ClusterId must not be empty";
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return $"{SectionName}:ServiceId must not be empty";
        }
    }
}
