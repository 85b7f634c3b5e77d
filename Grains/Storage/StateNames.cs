namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// State names of the user-friends grain. The storage row key leaves out the grain class, so
/// every name carries the grain's own prefix to stay unique across the project.
/// </summary>
public static class StateNames
{
    public const string Layout = "userfriends.layout";

    /// <summary>The owner's position in OpenIM's version log (<see cref="SyncMark"/>).</summary>
    public const string Sync = "userfriends.sync";

    /// <summary>The OpenIM sweep's durable position (one row per cluster).</summary>
    public const string Sweep = "sweep.openim";

    /// <summary>What every bucket's state name starts with.</summary>
    public const string BucketPrefix = "userfriends.bucket.";

    public static string Bucket(int index) => BucketPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
