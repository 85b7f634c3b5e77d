using System.Security.Cryptography;
using System.Text;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// The SHA-256 of a secret's UTF-8 bytes. Secrets are compared as digests with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither their length nor the position of a
/// difference shows in the timing.
/// </summary>
public static class SecretDigest
{
    public static byte[] Of(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
