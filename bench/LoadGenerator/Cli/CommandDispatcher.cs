namespace OrleansRemarks.Bench.LoadGenerator.Cli;

public static class CommandDispatcher
{
    public const int BrokenRunExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: OrleansRemarks.Bench.LoadGenerator suite|report|cold|memory --option value ...");
            return BrokenRunExitCode;
        }

        try
        {
            var options = CommandLine.Parse(args[1..]);
            return args[0] switch
            {
                "suite" => await SuiteCommand.RunAsync(options),
                "report" => await ReportCommand.RunAsync(options),
                "cold" => await ColdCommand.RunAsync(options),
                "memory" => await MemoryCommand.RunAsync(options),
                _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
            };
        }
        catch (ArgumentException invalid)
        {
            await Console.Error.WriteLineAsync("loadgen: " + invalid.Message);
            return BrokenRunExitCode;
        }
    }
}
