using System.Net.Sockets;
using OrleansRemarks.Silo.Configuration;

namespace OrleansRemarks.Silo.Operations;

/// <summary>
/// Checks that <c>Silo:HttpUrl</c>'s port is free before the silo joins the cluster: Kestrel starts
/// last, and a silo that fails only then has already announced itself in the membership table.
/// </summary>
public static class HttpPortAvailability
{
    /// <exception cref="SiloConfigurationException">Something already listens there.</exception>
    public static void EnsureFree(SiloHttpOptions options)
    {
        var address = options.ParsedHttpUrl;
        if (address.Port == 0)
        {
            return;
        }

        try
        {
            using var probe = new TcpListener(SiloHttpOptions.ListenAddressOf(address.Host), address.Port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            throw new SiloConfigurationException(
                $"{SiloHttpOptions.SectionName}:HttpUrl {options.HttpUrl} cannot be used ({exception.SocketErrorCode}): " +
                "give every silo on this host its own port (e.g. Silo__HttpUrl=http://127.0.0.1:10081).");
        }
    }
}
