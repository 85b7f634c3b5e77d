using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Operations.Warmup;

/// <summary>
/// What a web front does after it starts and before <c>/health/ready</c> answers 200: first reads of
/// owners that do not exist (<see cref="Grains.Interfaces.WarmupOwners"/>), through its own query API
/// and so through the cluster and storage, then a wait until the runtime has stopped compiling.
/// A process that has just started runs its code unoptimized and compiles it while it serves; without
/// this, the first owners read after a restart or a deployment pay for that (docs/PERFORMANCE.md).
/// </summary>
public sealed class WarmupOptions
{
    public const string SectionName = "Warmup";

    public const int DefaultReads = 500;

    public const int MostReads = 100_000;

    public const int DefaultMaxSeconds = 30;

    public const int LongestMaxSeconds = 600;

    /// <summary>First reads of warm-up owners before ready; 0 turns the warm-up off (ready as soon as the cluster answers).</summary>
    public int Reads { get; set; } = DefaultReads;

    /// <summary>The warm-up's whole time bound, reads and waiting for the compiler together: ready after it in any case.</summary>
    public int MaxSeconds { get; set; } = DefaultMaxSeconds;

    public bool Enabled => Reads > 0;
}

public sealed class WarmupOptionsValidator : IValidateOptions<WarmupOptions>
{
    private const string Section = WarmupOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, WarmupOptions options)
    {
        var failures = new List<string>();
        if (options.Reads is < 0 or > WarmupOptions.MostReads)
        {
            failures.Add($"{Section}:Reads must be between 0 (no warm-up) and {WarmupOptions.MostReads} (default {WarmupOptions.DefaultReads}).");
        }

        if (options.MaxSeconds is < 1 or > WarmupOptions.LongestMaxSeconds)
        {
            failures.Add($"{Section}:MaxSeconds must be a whole number of seconds from 1 to {WarmupOptions.LongestMaxSeconds} (default {WarmupOptions.DefaultMaxSeconds}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
