using System.Diagnostics;
using System.Text;
using Npgsql;

namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>
/// A real OrleansRemarks.Silo process (the Silo build output is copied next to the tests), on
/// loopback, with its stdout and stderr captured in <see cref="Output"/> and a log file.
/// Dispose kills it if it still runs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string SiloAssemblyName = "OrleansRemarks.Silo.dll";
    public const int ActiveStatus = 3;
    public const int DeadStatus = 6;

    /// <summary>Generous: a silo starts in seconds, but this machine is shared.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The silo's own shutdown timeout (30 s) plus a margin.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(45);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StreamWriter _log;
    private readonly string _connectionString;
    private bool _logClosed;

    private SiloProcess(Process process, string logFile, string connectionString, string clusterId, int siloPort, int gatewayPort)
    {
        _process = process;
        LogFile = logFile;
        _log = new StreamWriter(logFile) { AutoFlush = true };
        _connectionString = connectionString;
        ClusterId = clusterId;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string ClusterId { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the silo wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo and returns once its membership row is Active.</summary>
    /// <param name="httpPort">Port of Silo:HttpUrl on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="settings">Extra configuration as environment variables (e.g. Logging__Console__FormatterName).</param>
    public static async Task<SiloProcess> StartAsync(
        string connectionString, string clusterId, string serviceId, int siloPort, int gatewayPort,
        int httpPort = 0, IReadOnlyDictionary<string, string>? settings = null)
    {
        httpPort = httpPort == 0 ? FreeTcpPort.Next() : httpPort;
        var environment = new Dictionary<string, string?>(
            (settings ?? new Dictionary<string, string>()).Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
        {
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = serviceId,
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(),
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Silo__HttpUrl"] = $"http://127.0.0.1:{httpPort}",
        };
        var process = Process.Start(CreateStartInfo([], environment))
            ?? throw new InvalidOperationException("Could not start the silo process.");
        var logDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "orleansremarks-silo-logs"));
        var silo = new SiloProcess(process, Path.Combine(logDirectory.FullName, $"silo-{siloPort}-{process.Id}.log"), connectionString, clusterId, siloPort, gatewayPort);
        silo.CaptureOutput();
        try
        {
            await silo.WaitUntilActiveAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the silo executable with these arguments until it exits (e.g. "migrate").</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<SiloRunResult> RunToExitAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        using var process = Process.Start(CreateStartInfo(arguments, environment))
            ?? throw new InvalidOperationException("Could not start the silo process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo did not exit within {timeout}:\n{await stdout}{await stderr}");
        }

        return new SiloRunResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The status (SiloStatus as int) of this silo's newest membership row, or null when it has none.</summary>
    public async Task<int?> ReadMembershipStatusAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT status FROM orleans_membership
            WHERE deployment_id = @cluster AND address = '127.0.0.1' AND port = @port
            ORDER BY generation DESC LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("port", SiloPort);
        return (int?)await command.ExecuteScalarAsync();
    }

    /// <summary>Freezes the process (SIGSTOP): it keeps its connections but answers nothing until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => ProcessRunner.RunAsync("kill", ["-STOP", _process.Id.ToString()]);

    /// <summary>Lets a paused process run again (SIGCONT).</summary>
    public Task ResumeAsync() => ProcessRunner.RunAsync("kill", ["-CONT", _process.Id.ToString()]);

    /// <summary>Sends SIGTERM and waits for the process to exit; kills it and throws if it takes longer than <see cref="StopTimeout"/>.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString()]);
            }
            catch (InvalidOperationException) when (_process.HasExited)
            {
            }
        }

        using var deadline = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"Silo on port {SiloPort} did not stop within {StopTimeout} of SIGTERM; killed. Log: {LogFile}");
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_output)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    /// <summary>The dotnet host running the tests, so the silo runs on the same runtime.</summary>
    private static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public static ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, SiloAssemblyName));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    private void CaptureOutput()
    {
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilActiveAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo on port {SiloPort} exited with {_process.ExitCode} before becoming Active:\n{Output}");
            }

            try
            {
                if (await ReadMembershipStatusAsync() == ActiveStatus)
                {
                    return;
                }
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // The silo has not applied the schema yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo on port {SiloPort} was not Active within {StartTimeout}. Log: {LogFile}\n{Output}");
    }
}

/// <summary>How a silo process that ran to its end finished.</summary>
public sealed record SiloRunResult(int ExitCode, string StandardOutput, string StandardError);
