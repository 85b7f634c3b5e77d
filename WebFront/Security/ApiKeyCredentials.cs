using System.Buffers.Text;
using System.Text;

namespace OrleansRemarks.WebFront.Security;

/// <summary>Reads the API key out of an <c>Authorization</c> header value.</summary>
public static class ApiKeyCredentials
{
    private const string Bearer = "Bearer ";
    private const string Basic = "Basic ";

    /// <summary>
    /// <c>Bearer &lt;key&gt;</c>, or with <paramref name="acceptBasic"/> also <c>Basic base64(user:key)</c>
    /// (any user name; the key is the password), which is what a browser sends after its login prompt.
    /// </summary>
    public static bool TryRead(string header, bool acceptBasic, out string key)
    {
        key = "";
        if (header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            key = header[Bearer.Length..].Trim();
            return key.Length > 0;
        }

        if (!acceptBasic || !header.StartsWith(Basic, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header[Basic.Length..].Trim();
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return false;
        }

        var userAndPassword = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = userAndPassword.IndexOf(':', StringComparison.Ordinal);
        key = colon < 0 ? "" : userAndPassword[(colon + 1)..];
        return key.Length > 0;
    }
}
