namespace OrleansRemarks.Bench.LoadGenerator.Cli;

public sealed record SuiteSettings(
    string Target,
    string Url,
    string Output,
    string? PostgresConnectionString,
    int Connections,
    int Owners,
    int FriendsPerOwner,
    int LookupIds,
    TimeSpan Warmup,
    TimeSpan ShortWarmup,
    TimeSpan Duration,
    TimeSpan HalfPeakDuration,
    TimeSpan ReadDuration,
    int LargeFriends,
    int SmallFriends,
    int LargeChanges,
    double IngestRate,
    bool BeforeCallbackPhase)
{
    public static SuiteSettings From(CommandLine options) => new(
        options.Text("target"),
        options.Text("url"),
        options.Text("out"),
        options.OptionalText("pg"),
        options.Int("connections", 64),
        options.Int("owners", 10_000),
        options.Int("friends", 100),
        options.Int("lookup-ids", 100),
        options.Seconds("warmup", 5),
        options.Seconds("short-warmup", 2),
        options.Seconds("duration", 20),
        options.Seconds("half-peak-duration", 0),
        options.Seconds("read-duration", 15),
        options.Int("large-friends", 0),
        options.Int("small-friends", 10),
        options.Int("large-changes", 300),
        options.Double("ingest-rate", 0),
        options.Flag("before-callbacks"));
}
