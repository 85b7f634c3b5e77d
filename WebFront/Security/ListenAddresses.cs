using System.Net;
using OrleansRemarks.WebFront.Configuration;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// The addresses the web front will listen on, read from configuration with Kestrel's precedence:
/// <c>Kestrel:Endpoints</c>, else <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), else
/// <c>http_ports</c>/<c>https_ports</c> (all interfaces), else the default loopback URL.
/// </summary>
public static class ListenAddresses
{
    private static readonly char[] Separators = [';', ',', ' '];

    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .Where(url => url.Length > 0)
            .ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        var urls = Split(configuration["urls"]);
        if (urls.Count > 0)
        {
            return urls;
        }

        var ports = Split(configuration["http_ports"]).Select(port => $"http://*:{port}")
            .Concat(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"))
            .ToList();
        return ports.Count > 0 ? ports : [DefaultListenUrl.Value];
    }

    /// <summary>The configured addresses that other machines could reach.</summary>
    public static IReadOnlyList<string> NonLoopback(IConfiguration configuration) =>
        Configured(configuration).Where(url => !IsLoopbackOnly(url)).ToList();

    /// <summary>
    /// True for a loopback IP, <c>localhost</c>, a Unix socket or a named pipe. Wildcards (<c>*</c>,
    /// <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>), host names (Kestrel binds them to every interface) and
    /// anything unparsable count as reachable from outside.
    /// </summary>
    private static bool IsLoopbackOnly(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe || address.IsNamedPipe || string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    private static List<string> Split(string? value) =>
        value?.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
}
