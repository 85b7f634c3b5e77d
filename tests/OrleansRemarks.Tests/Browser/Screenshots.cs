namespace OrleansRemarks.Tests.Browser;

/// <summary>Screenshots go to <c>screenshots/</c> in the test output folder (e.g. bin/Release/net10.0/screenshots).</summary>
public static class Screenshots
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string PathFor(string name) => Path.Combine(Folder, name);
}
