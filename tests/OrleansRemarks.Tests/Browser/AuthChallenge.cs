namespace OrleansRemarks.Tests.Browser;

/// <summary>A login prompt the browser would have shown: the server's HTTP authentication challenge.</summary>
public sealed record AuthChallenge(string Scheme, string Realm, string Origin);
