using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Configuration;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// Checks the secret path segment in constant time: both sides are hashed first, so neither the
/// position of the first difference nor the secret's length shows in the timing. Never logged.
/// </summary>
public sealed class CallbackSecret(IOptions<CallbackOptions> options)
{
    private readonly byte[] _expectedHash = Hash(options.Value.Secret ?? "");

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Hash(candidate), _expectedHash);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
