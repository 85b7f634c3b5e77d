namespace OrleansRemarks.Tests.Security;

/// <summary>The security tests that need a cluster share one silo.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityClusterFixture>
{
    public const string Name = "Security";
}
