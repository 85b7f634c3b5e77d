namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>How a silo process that ran to its end finished.</summary>
public sealed record SiloRunResult(int ExitCode, string StandardOutput, string StandardError);
