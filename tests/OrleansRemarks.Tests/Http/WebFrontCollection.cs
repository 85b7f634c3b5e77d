namespace OrleansRemarks.Tests.Http;

/// <summary>The callback and query tests share one silo and one web front.</summary>
[CollectionDefinition(Name)]
public sealed class WebFrontCollection : ICollectionFixture<WebFrontFixture>
{
    public const string Name = "WebFront";
}
