using Microsoft.AspNetCore.Authentication;

namespace OrleansRemarks.WebFront.Security;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Check the dashboard's keys (<see cref="OperatorKeySet"/>) instead of the query API's.</summary>
    public bool ForOperators { get; set; }

    /// <summary>Also accept HTTP Basic with the key as the password (for browsers).</summary>
    public bool AcceptBasic { get; set; }

    /// <summary>The <c>WWW-Authenticate</c> value of a 401 answer.</summary>
    public string Challenge { get; set; } = "Bearer";
}
