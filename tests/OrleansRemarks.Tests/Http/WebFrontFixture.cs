namespace OrleansRemarks.Tests.Http;

/// <summary>The default deployment: OpenIM's default callback path, no secret, the shared PostgreSQL server.</summary>
public sealed class WebFrontFixture : RemarksServiceFixture;
