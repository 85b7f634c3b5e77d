namespace OrleansRemarks.Tests.Http;

/// <summary>A deployment on its own PostgreSQL server, which its tests stop and start again.</summary>
public sealed class DedicatedPostgresFixture : RemarksServiceFixture
{
    protected override bool OwnsPostgres => true;
}
