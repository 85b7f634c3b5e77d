using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansRemarks.Tests.Browser;

/// <summary>
/// Debian's headless Chromium (<c>apt-get install chromium</c>; nothing is downloaded here) with a fresh
/// profile, driven over the Chrome DevTools Protocol. Dispose kills it and deletes the profile.
/// </summary>
public sealed class ChromiumProcess : IAsyncDisposable
{
    /// <summary>Overridable with ORLEANSREMARKS_CHROMIUM.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly DirectoryInfo _profile;

    private ChromiumProcess(Process process, DirectoryInfo profile, DevToolsConnection connection)
    {
        _process = process;
        _profile = profile;
        Connection = connection;
    }

    public DevToolsConnection Connection { get; }

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("ORLEANSREMARKS_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public static async Task<ChromiumProcess> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ExecutablePath}: install Debian's package (apt-get install -y chromium), " +
                "or point ORLEANSREMARKS_CHROMIUM at a Chromium binary.");
        }

        var profile = Directory.CreateTempSubdirectory("orleansremarks-chromium-");
        var output = new ConcurrentQueue<string>();
        var process = Launch(profile.FullName, output);
        try
        {
            var browser = await WaitForDevToolsAsync(process, profile.FullName, output);
            return new ChromiumProcess(process, profile, await DevToolsConnection.ConnectAsync(browser));
        }
        catch
        {
            Stop(process, profile);
            throw;
        }
    }

    public Task<BrowserPage> OpenPageAsync() => BrowserPage.OpenAsync(Connection);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        Stop(_process, _profile);
    }

    private static Process Launch(string profile, ConcurrentQueue<string> output)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,900", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", "about:blank",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Record(output, line.Data);
        process.ErrorDataReceived += (_, line) => Record(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Chromium writes its DevTools port and browser path into DevToolsActivePort in the profile.</summary>
    private static async Task<Uri> WaitForDevToolsAsync(Process process, string profile, ConcurrentQueue<string> output)
    {
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode}:\n{string.Join('\n', output)}");
            }

            if (File.Exists(portFile) && (await File.ReadAllLinesAsync(portFile)) is [var port, var path, ..] && path.Length > 0)
            {
                return new Uri($"ws://127.0.0.1:{port}{path}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Chromium opened no DevTools port within {StartTimeout}:\n{string.Join('\n', output)}");
    }

    private static void Stop(Process process, DirectoryInfo profile)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.Dispose();
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A straggling child may still hold a file; the temp folder is cleaned eventually.
        }
    }

    private static void Record(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
