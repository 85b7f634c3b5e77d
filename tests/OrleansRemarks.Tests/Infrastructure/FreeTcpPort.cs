using System.Net;
using System.Net.Sockets;

namespace OrleansRemarks.Tests.Infrastructure;

public static class FreeTcpPort
{
    /// <summary>A loopback port that nothing listens on right now (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
