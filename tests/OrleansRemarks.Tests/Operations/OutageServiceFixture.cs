namespace OrleansRemarks.Tests.Operations;

/// <summary>
/// A deployment on its own PostgreSQL server, which its tests stop, lock and start again, and whose
/// silo they stop and start; callbacks give up after 2 s.
/// </summary>
public sealed class OutageServiceFixture : OperationsDeployment
{
    public const int CallbackTimeoutSeconds = 2;

    protected override bool OwnsPostgres => true;

    protected override IReadOnlyDictionary<string, string> ExtraWebFrontSettings { get; } = new Dictionary<string, string>
    {
        ["Callback__TimeoutSeconds"] = CallbackTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
