using OrleansRemarks.Bench.LoadGenerator.Cli;

return await CommandDispatcher.RunAsync(args);
