using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.Silo.Operations;

/// <summary>
/// The silo's HTTP listener on <c>Silo:HttpUrl</c> with the shared <c>/health/live</c>,
/// <c>/health/ready</c> and <c>/metrics</c> (<see cref="Extensions.MapDefaultEndpoints"/>). Ready
/// means this silo is Active in the membership and PostgreSQL answers (200, else 503).
/// </summary>
public static class SiloOperations
{
    public const string ServiceName = "OrleansRemarks.Silo";

    public static WebApplicationBuilder AddSiloOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SiloHttpOptions, SiloHttpOptionsValidator>(builder.Configuration, SiloHttpOptions.SectionName);
        // Only Silo:HttpUrl: not ASPNETCORE_URLS, nor the HTTP_PORTS that the .NET container images set.
        // The URL is checked with every other setting before the host starts (SettingsValidation).
        var httpUrl = builder.Configuration.GetSection(SiloHttpOptions.SectionName).Get<SiloHttpOptions>()?.HttpUrl ?? SiloHttpOptions.DefaultHttpUrl;
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        builder.WebHost.UseUrls(httpUrl);
        builder.Services.AddSingleton<PostgresReadinessCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloMembershipCheck>(SiloMembershipCheck.Name, tags: [Extensions.ReadinessTag])
            .AddCheck<PostgresReadinessCheck>(PostgresReadinessCheck.Name, tags: [Extensions.ReadinessTag]);
        return builder;
    }

    /// <summary>
    /// Checks that <c>Silo:HttpUrl</c>'s port is free before the silo joins the cluster: Kestrel starts
    /// last, and a silo that fails only then has already announced itself in the membership table.
    /// </summary>
    /// <exception cref="OptionsValidationException">Something already listens there.</exception>
    public static void EnsureHttpPortFree(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SiloHttpOptions>>().Value;
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
            throw new OptionsValidationException(Options.DefaultName, typeof(SiloHttpOptions), [
                $"{SiloHttpOptions.SectionName}:HttpUrl {options.HttpUrl} cannot be used ({exception.SocketErrorCode}): " +
                "give every silo on this host its own port (e.g. Silo__HttpUrl=http://127.0.0.1:10081)."]);
        }
    }
}
