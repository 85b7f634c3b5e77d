using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>
/// The built OrleansRemarks.WebFront started as a real process (<c>dotnet OrleansRemarks.WebFront.dll</c>)
/// on a free loopback port; ready once it answers HTTP, which it does only after its Orleans client
/// has connected to the cluster.
/// </summary>
public sealed class WebFrontProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly StreamWriter _log;

    private WebFrontProcess(Process process, ConcurrentQueue<string> output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        var logDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "orleansremarks-webfront-logs"));
        LogFile = Path.Combine(logDirectory.FullName, $"webfront-{baseAddress.Port}-{process.Id}.log");
        _log = new StreamWriter(LogFile);
    }

    public Uri BaseAddress { get; }

    /// <summary>The process output, written out when the process is disposed (kept after the run).</summary>
    public string LogFile { get; }

    /// <summary>Everything the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static string AssemblyPath => RepositoryPaths.BuiltAssembly("WebFront", "OrleansRemarks.WebFront");

    /// <param name="settings">Configuration as environment variables, e.g. <c>ConnectionStrings__Orleans</c>, <c>Callback__Secret</c>.</param>
    /// <param name="listenHost">Host of the <c>--urls</c> address, e.g. <c>0.0.0.0</c>; the tests still call it on 127.0.0.1.</param>
    public static async Task<WebFrontProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string listenHost = "127.0.0.1")
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}");
        var output = new ConcurrentQueue<string>();
        var process = Launch(settings, $"http://{listenHost}:{baseAddress.Port}", output);
        var webFront = new WebFrontProcess(process, output, baseAddress);
        try
        {
            await webFront.WaitUntilServingAsync();
            return webFront;
        }
        catch
        {
            await webFront.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the web front until it exits by itself (e.g. refusing a bad configuration).</summary>
    /// <param name="listenHost">Host of the <c>--urls</c> address, e.g. <c>0.0.0.0</c> or <c>[::]</c>.</param>
    public static async Task<(int ExitCode, string StandardError, string Output)> RunUntilExitAsync(
        IReadOnlyDictionary<string, string> settings, string listenHost = "127.0.0.1")
    {
        var output = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        using var process = Launch(settings, $"http://{listenHost}:{FreeTcpPort.Next()}", output, errors);
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The web front did not exit:\n" + string.Join('\n', output));
        }

        process.WaitForExit(); // drains the output readers
        return (process.ExitCode, string.Join('\n', errors), string.Join('\n', output));
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.WriteAsync(Output);
        await _log.DisposeAsync();
    }

    /// <summary>The dotnet host running the tests, so the web front runs on the same runtime.</summary>
    private static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <param name="urls">Passed as <c>--urls</c>, the way an operator overrides the default address.</param>
    private static Process Launch(
        IReadOnlyDictionary<string, string> settings, string urls, ConcurrentQueue<string> output, ConcurrentQueue<string>? errors = null)
    {
        var startInfo = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        startInfo.ArgumentList.Add(AssemblyPath);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(urls);
        // The test runner's own settings must not leak into the child.
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // No start-up warm-up (seconds per start) unless a test asks for it: WarmupTests does.
        startInfo.Environment["Warmup__Reads"] = "0";
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Record(output, line.Data);
        process.ErrorDataReceived += (_, line) =>
        {
            Record(output, line.Data);
            Record(errors, line.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Record(ConcurrentQueue<string>? lines, string? line)
    {
        if (lines is not null && line is not null)
        {
            lines.Enqueue(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web front exited with {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                // Any HTTP answer (a 404 here) means Kestrel is up, and Kestrel starts after the Orleans client.
                using var response = await probe.GetAsync("/");
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The web front did not answer HTTP within {StartTimeout}:\n{Output}");
    }
}
