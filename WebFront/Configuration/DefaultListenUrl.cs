namespace OrleansRemarks.WebFront.Configuration;

/// <summary>
/// Listens where OpenIM's default webhook URL points unless the operator chose an address the
/// usual way (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Urls</c>, <c>HTTP_PORTS</c> or Kestrel endpoints).
/// </summary>
public static class DefaultListenUrl
{
    public const string Value = "http://127.0.0.1:10006";

    private static readonly string[] AddressKeys = ["urls", "http_ports", "https_ports"];

    public static WebApplicationBuilder UseDefaultListenUrlWhenUnset(this WebApplicationBuilder builder)
    {
        var chosen = AddressKeys.Any(key => !string.IsNullOrWhiteSpace(builder.Configuration[key])) ||
                     builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!chosen)
        {
            builder.WebHost.UseUrls(Value);
        }

        return builder;
    }
}
