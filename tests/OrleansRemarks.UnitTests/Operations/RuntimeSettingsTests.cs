using System.Text.Json;

namespace OrleansRemarks.UnitTests.Operations;

/// <summary>
/// The GC settings both service processes ship with, as their runtimeconfig.json carries them (the
/// Dockerfiles and the launch scripts run those files): server GC with background collections and a
/// fixed heap count instead of .NET's dynamic adaptation (docs/PERFORMANCE.md, change 36).
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Theory]
    [InlineData("OrleansRemarks.WebFront")]
    [InlineData("OrleansRemarks.Silo")]
    public void Service_processes_run_server_gc_without_dynamic_adaptation(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.True(properties.TryGetProperty("System.GC.DynamicAdaptationMode", out var adaptation), "System.GC.DynamicAdaptationMode is not set");
        Assert.Equal(0, adaptation.GetInt32());
    }
}
