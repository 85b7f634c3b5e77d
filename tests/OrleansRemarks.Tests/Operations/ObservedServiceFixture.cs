namespace OrleansRemarks.Tests.Operations;

/// <summary>The deployment that the health, metrics, log and OpenAPI tests share, on the shared PostgreSQL server.</summary>
public sealed class ObservedServiceFixture : OperationsDeployment;
