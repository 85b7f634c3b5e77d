using Microsoft.Extensions.Options;

namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>How state updates of different grains are grouped into PostgreSQL round trips.</summary>
public sealed class StateWriteBatchingOptions
{
    /// <summary>The configuration section a silo binds these options from.</summary>
    public const string SectionName = "Orleans:WriteBatching";

    /// <summary>False sends every write on its own through the ADO.NET provider (as before batching existed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many updates go into one batch (one round trip, one transaction).</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How many batches may be in flight at once, each on its own connection.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>How long one batch may run in PostgreSQL before it is cancelled and fails (seconds).</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;
}

/// <summary>Checks <see cref="StateWriteBatchingOptions"/> when the silo starts, so a bad value stops the start instead of the first write.</summary>
public sealed class StateWriteBatchingOptionsValidator : IValidateOptions<StateWriteBatchingOptions>
{
    public const int MaxBatchSizeLimit = 1000;
    public const int MaxConcurrentBatchesLimit = 64;
    public const int CommandTimeoutSecondsLimit = 300;

    public ValidateOptionsResult Validate(string? name, StateWriteBatchingOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(options.MaxBatchSize), options.MaxBatchSize, MaxBatchSizeLimit);
        Check(errors, nameof(options.MaxConcurrentBatches), options.MaxConcurrentBatches, MaxConcurrentBatchesLimit);
        Check(errors, nameof(options.CommandTimeoutSeconds), options.CommandTimeoutSeconds, CommandTimeoutSecondsLimit);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, int value, int limit)
    {
        if (value < 1 || value > limit)
        {
            errors.Add($"{StateWriteBatchingOptions.SectionName}:{key} must be 1-{limit}, not {value}");
        }
    }
}
