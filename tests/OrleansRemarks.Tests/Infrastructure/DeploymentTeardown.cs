namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>Stops a test deployment front to back: web front, then silo, then a PostgreSQL the fixture owns.</summary>
public static class DeploymentTeardown
{
    public static async Task StopAsync(WebFrontProcess? webFront, SiloProcess? silo, PostgresServer? ownedPostgres)
    {
        if (webFront is not null)
        {
            await webFront.DisposeAsync();
        }

        if (silo is not null)
        {
            await silo.DisposeAsync();
        }

        if (ownedPostgres is not null)
        {
            await ownedPostgres.DisposeAsync();
        }
    }
}
