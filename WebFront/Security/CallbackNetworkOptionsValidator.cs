using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Configuration;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// Checks the allowed networks, and that callbacks, which set anyone's remarks, are protected on an
/// address other machines can reach: by <c>Callback:Secret</c>, by <c>Callback:AllowedNetworks</c>, or
/// on purpose not at all (<c>Callback:AllowAnySource=true</c>).
/// </summary>
public sealed class CallbackNetworkOptionsValidator(IConfiguration configuration) : IValidateOptions<CallbackNetworkOptions>
{
    private const string Section = CallbackNetworkOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CallbackNetworkOptions options)
    {
        var networks = IpNetworkList.Parse(options.AllowedNetworks, out var invalid);
        if (invalid.Count > 0)
        {
            return ValidateOptionsResult.Fail(NetworkOptionsValidator.NetworkListFailure($"{Section}:AllowedNetworks", invalid));
        }

        // Read as configured: a malformed secret is reported by the CallbackOptions validator, not twice.
        var hasSecret = !string.IsNullOrEmpty(configuration[$"{CallbackOptions.SectionName}:{nameof(CallbackOptions.Secret)}"]);
        if (!hasSecret && networks.IsEmpty && !options.AllowAnySource && ListenAddresses.NonLoopback(configuration) is [_, ..] exposed)
        {
            return ValidateOptionsResult.Fail(
                $"The callbacks would be open to anyone on {string.Join(", ", exposed)}, which is not loopback only, and anyone who reaches them " +
                $"can set anyone's remarks: set {Section}:Secret (environment variable {Section}__Secret, e.g. the output of " +
                $"\"openssl rand -hex 24\", then give OpenIM the URL {{BasePath}}/{{secret}}), or {Section}:AllowedNetworks (OpenIM's addresses), " +
                $"or {Section}:AllowAnySource=true to accept callbacks from any source on purpose.");
        }

        return ValidateOptionsResult.Success;
    }
}
