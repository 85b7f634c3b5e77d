using Microsoft.AspNetCore.Http;

namespace OrleansRemarks.WebFront.Operations.Warmup;

/// <summary>Where the warm-up sends its reads: this process's own plain-HTTP listener, reached on loopback.</summary>
public static class WarmupTarget
{
    /// <summary>
    /// The first plain-HTTP address of <paramref name="listenAddresses"/> (what Kestrel reports once
    /// bound), with a wildcard or <c>localhost</c> host replaced by the loopback address; null when
    /// there is none (only HTTPS, whose certificate names no loopback address, or Unix sockets).
    /// </summary>
    public static Uri? From(IEnumerable<string> listenAddresses)
    {
        foreach (var address in listenAddresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }

            if (binding.IsUnixPipe || binding.IsNamedPipe || !string.Equals(binding.Scheme, "http", StringComparison.OrdinalIgnoreCase)
                || binding.Port is < 1 or > 65535)
            {
                continue;
            }

            var host = binding.Host switch
            {
                "+" or "*" or "0.0.0.0" or "localhost" => "127.0.0.1",
                "[::]" or "::" => "[::1]",
                var named => named,
            };
            return new Uri($"http://{host}:{binding.Port}/");
        }

        return null;
    }
}
