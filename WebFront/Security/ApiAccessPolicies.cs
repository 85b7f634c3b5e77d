namespace OrleansRemarks.WebFront.Security;

/// <summary>Names of the authentication schemes and authorization policies of the web front.</summary>
public static class ApiAccessPolicies
{
    /// <summary>Query API clients: <c>Authorization: Bearer &lt;key&gt;</c> only.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Dashboard operators: Bearer, or HTTP Basic with the key as password so a browser can prompt.</summary>
    public const string OperatorScheme = "Operator";

    public const string QueryApi = "QueryApi";

    public const string Operator = "Operator";

    public const string ApiKeyChallenge = "Bearer realm=\"OrleansRemarks\"";

    public const string OperatorChallenge = "Basic realm=\"OrleansRemarks dashboard\", charset=\"UTF-8\"";
}
