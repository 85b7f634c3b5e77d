namespace OrleansRemarks.WebFront.Cluster;

public enum GrainCallFailureKind
{
    /// <summary>The grain refused the input (it threw <see cref="ArgumentException"/>).</summary>
    InvalidInput,

    /// <summary>Storage, the cluster or the network failed; the same call may succeed later.</summary>
    Unavailable,

    /// <summary>Anything else: a bug, not a condition to wait out.</summary>
    Internal,
}
