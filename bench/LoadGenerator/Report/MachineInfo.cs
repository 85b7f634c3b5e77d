namespace OrleansRemarks.Bench.LoadGenerator.Report;

public sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string Note)
{
    public static MachineInfo Describe(string note)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(Environment.ProcessorCount, cpu ?? "unknown", Math.Round(memory, 1), note);
    }
}
