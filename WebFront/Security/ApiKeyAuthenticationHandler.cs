using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// Authenticates a request by the API key in its <c>Authorization</c> header. The user is named after
/// the key's position (<see cref="ApiKeySet.ClientId"/>), never after the key. The query API's scheme
/// checks <c>Api:Keys</c>, the dashboard's <c>Dashboard:Keys</c> (else <c>Api:Keys</c>). With no keys
/// configured nobody is authenticated.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeySet apiKeys, OperatorKeySet operatorKeys)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = Options.ForOperators ? operatorKeys.Keys : apiKeys;
        var header = Request.Headers.Authorization.ToString();
        if (!keys.IsEnabled || header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!ApiKeyCredentials.TryRead(header, Options.AcceptBasic, out var key))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header does not carry an API key in an accepted form."));
        }

        var index = keys.IndexOf(key);
        if (index < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail(Options.ForOperators ? "The key is not one of the dashboard's keys." : "The API key is not one of Api:Keys."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, keys.ClientId(index))], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Options.Challenge;
        return Task.CompletedTask;
    }
}
