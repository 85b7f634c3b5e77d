namespace OrleansRemarks.WebFront.Security;

/// <summary>Who may call the query API and open the dashboard (section <c>Api</c>).</summary>
public sealed class ApiAccessOptions
{
    public const string SectionName = "Api";

    public const int ShortestKey = 16;

    public const int LongestKey = 512;

    /// <summary>
    /// Accepted API keys (<c>Api:Keys:0</c>, <c>Api:Keys:1</c>, …; several allow a rotation). When any
    /// is set, every query API request needs <c>Authorization: Bearer &lt;key&gt;</c>, and the
    /// dashboard, unless it has keys of its own (<c>Dashboard:Keys</c>), is served to operators who present one of them.
    /// </summary>
    public string[] Keys { get; set; } = [];

    /// <summary>
    /// Serve the query API without keys on a non-loopback address. Without keys and without this, the
    /// web front refuses to start unless it listens on loopback only. Ignored when keys are set.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    public bool HasKeys => Keys.Length > 0;
}
