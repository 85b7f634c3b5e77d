using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Configuration;

public sealed class CallbackOptionsValidator : IValidateOptions<CallbackOptions>
{
    private const string Section = CallbackOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CallbackOptions options)
    {
        var failures = new List<string>();
        if (!IsValidBasePath(options.BasePath))
        {
            failures.Add(
                $"{Section}:BasePath must start with '/' and hold only letters, digits and \"/-._~\" " +
                $"(default \"{CallbackOptions.DefaultBasePath}\").");
        }

        if (options.MaxBodyBytes is < 1 or > CallbackOptions.LargestMaxBodyBytes)
        {
            failures.Add($"{Section}:MaxBodyBytes must be between 1 and {CallbackOptions.LargestMaxBodyBytes}.");
        }

        if (options.MaxRemarkBytes is < CallbackOptions.SmallestMaxRemarkBytes or > CallbackOptions.LargestMaxRemarkBytes)
        {
            failures.Add(
                $"{Section}:MaxRemarkBytes must be between {CallbackOptions.SmallestMaxRemarkBytes} and {CallbackOptions.LargestMaxRemarkBytes} " +
                $"(default {CallbackOptions.DefaultMaxRemarkBytes}).");
        }

        if (options.TimeoutSeconds is < 1 or > CallbackOptions.LongestTimeoutSeconds)
        {
            failures.Add(
                $"{Section}:TimeoutSeconds must be a whole number of seconds from 1 to {CallbackOptions.LongestTimeoutSeconds} " +
                $"(default {CallbackOptions.DefaultTimeoutSeconds}).");
        }

        if (options.HasSecret && options.NormalizedBasePath.Length == 0)
        {
            failures.Add($"{Section}:BasePath must not be \"/\" when {Section}:Secret is set: every path under it would belong to the callbacks.");
        }

        // "" (e.g. Callback__Secret= from a compose file) means no secret, like an unset key.
        if (options.HasSecret && !IsValidSecret(options.Secret!))
        {
            // The value itself is never echoed.
            failures.Add(
                $"{Section}:Secret must be at least {CallbackOptions.ShortestSecret} characters of letters, digits " +
                "and \"-._~\" (one URL path segment), or be left unset.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidBasePath(string? basePath) =>
        basePath is ['/', ..] &&
        !basePath.Contains("//", StringComparison.Ordinal) &&
        basePath.All(character => IsUnreserved(character) || character == '/');

    private static bool IsValidSecret(string secret) =>
        secret.Length >= CallbackOptions.ShortestSecret && secret.All(IsUnreserved);

    /// <summary>RFC 3986 unreserved characters: they mean the same encoded or not.</summary>
    private static bool IsUnreserved(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_' or '~';
}
