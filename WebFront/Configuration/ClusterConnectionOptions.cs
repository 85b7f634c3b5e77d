namespace OrleansRemarks.WebFront.Configuration;

/// <summary>
/// How the web front finds the silos: the ADO.NET membership table in PostgreSQL and the
/// cluster's identity. ClusterId and ServiceId must equal the silos' values.
/// </summary>
public sealed class ClusterConnectionOptions
{
    /// <summary>Configuration section of <see cref="ClusterId"/> and <see cref="ServiceId"/>.</summary>
    public const string SectionName = "Orleans";

    /// <summary>Name under <c>ConnectionStrings</c> of the PostgreSQL database holding the membership table.</summary>
    public const string ConnectionStringName = "Orleans";

    public const string DefaultClusterId = "orleansremarks";

    public const string DefaultServiceId = "orleansremarks";

    public string ClusterId { get; set; } = DefaultClusterId;

    public string ServiceId { get; set; } = DefaultServiceId;

    /// <summary>Read from <c>ConnectionStrings:Orleans</c>, never from the <c>Orleans</c> section.</summary>
    public string ConnectionString { get; set; } = "";
}
