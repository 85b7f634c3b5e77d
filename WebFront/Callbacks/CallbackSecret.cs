using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Configuration;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// Checks the secret path segment in constant time: both sides are hashed first, so neither the
/// position of the first difference nor the secret's length shows in the timing. Never logged.
/// </summary>
public sealed class CallbackSecret(IOptions<CallbackOptions> options)
{
    private readonly byte[] _expectedHash = SecretDigest.Of(options.Value.Secret ?? "");

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(SecretDigest.Of(candidate), _expectedHash);
}
