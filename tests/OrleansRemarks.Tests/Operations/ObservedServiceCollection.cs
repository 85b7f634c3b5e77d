

namespace OrleansRemarks.Tests.Operations;

/// <summary>
/// One deployment for the health, metrics, log and OpenAPI tests. Tests of one collection run one at
/// a time, so the metric deltas a test measures are its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ObservedServiceCollection : ICollectionFixture<ObservedServiceFixture>
{
    public const string Name = "Observed service";
}

/// <summary>The deployment that the health, metrics, log and OpenAPI tests share, on the shared PostgreSQL server.</summary>
public sealed class ObservedServiceFixture : OperationsDeployment;
