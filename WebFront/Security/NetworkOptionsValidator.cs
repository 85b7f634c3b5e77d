using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    private const string Section = NetworkOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = new List<string>();
        IpNetworkList.Parse(options.TrustedProxies, out var invalid);
        if (invalid.Count > 0)
        {
            failures.Add(NetworkListFailure($"{Section}:TrustedProxies", invalid));
        }

        if (options.ForwardLimit is < 1 or > NetworkOptions.LargestForwardLimit)
        {
            failures.Add($"{Section}:ForwardLimit must be between 1 and {NetworkOptions.LargestForwardLimit} (default {NetworkOptions.DefaultForwardLimit}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static string NetworkListFailure(string key, IReadOnlyList<string> invalid) =>
        $"{key} holds {string.Join(", ", invalid.Select(entry => $"\"{entry}\""))}: each entry must be an IP address or a CIDR " +
        "with its host bits zero (e.g. 10.0.0.0/8, 192.0.2.7, fd00::/8).";
}
