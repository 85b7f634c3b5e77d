using System.Runtime;
using OrleansRemarks.Bench.LoadGenerator.Cli;

// No blocking gen2 collections while measuring: the generator's own pauses would count as latency.
GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
return await CommandDispatcher.RunAsync(args);
