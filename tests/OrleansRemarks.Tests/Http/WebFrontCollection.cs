

namespace OrleansRemarks.Tests.Http;

/// <summary>The callback and query tests share one silo and one web front.</summary>
[CollectionDefinition(Name)]
public sealed class WebFrontCollection : ICollectionFixture<WebFrontFixture>
{
    public const string Name = "WebFront";
}

/// <summary>The default deployment: OpenIM's default callback path, no secret, the shared PostgreSQL server.</summary>
public sealed class WebFrontFixture : RemarksServiceFixture;
