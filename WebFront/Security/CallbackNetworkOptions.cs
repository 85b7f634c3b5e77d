using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Callbacks;

namespace OrleansRemarks.WebFront.Security;

/// <summary>Where callbacks may come from (section <c>Callback</c>, next to the callback path and secret).</summary>
public sealed class CallbackNetworkOptions
{
    public const string SectionName = "Callback";

    /// <summary>
    /// Addresses or CIDRs OpenIM calls from. When set, a callback from any other client address (after
    /// <see cref="NetworkOptions.TrustedProxies"/> processing) is answered 403 unread. Empty: any address.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>
    /// Accept callbacks from any source on a non-loopback address without <c>Callback:Secret</c> or
    /// <see cref="AllowedNetworks"/>: anyone who reaches the URL may then set anyone's remarks. Without
    /// one of the three, a web front that other machines can reach refuses to start.
    /// </summary>
    public bool AllowAnySource { get; set; }

    public IpNetworkList ParseAllowedNetworks() => IpNetworkList.Parse(AllowedNetworks, out _);
}

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
