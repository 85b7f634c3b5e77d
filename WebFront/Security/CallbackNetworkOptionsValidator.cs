using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

public sealed class CallbackNetworkOptionsValidator : IValidateOptions<CallbackNetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, CallbackNetworkOptions options)
    {
        IpNetworkList.Parse(options.AllowedNetworks, out var invalid);
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(NetworkOptionsValidator.NetworkListFailure($"{CallbackNetworkOptions.SectionName}:AllowedNetworks", invalid));
    }
}
