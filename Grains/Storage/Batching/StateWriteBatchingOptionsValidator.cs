using Microsoft.Extensions.Options;

namespace OrleansRemarks.Grains.Storage.Batching;

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
