using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace OrleansRemarks.Tests.Browser;

/// <summary>One tab, attached as a flattened DevTools session.</summary>
public sealed class BrowserPage
{
    private readonly DevToolsConnection _connection;
    private readonly string _sessionId;
    private readonly ConcurrentQueue<AuthChallenge> _challenges = new();

    private BrowserPage(DevToolsConnection connection, string sessionId)
    {
        _connection = connection;
        _sessionId = sessionId;
    }

    /// <summary>The HTTP login prompts this page met, in order (answered by <see cref="AnswerLoginPromptsAsync"/>).</summary>
    public IReadOnlyList<AuthChallenge> Challenges => _challenges.ToList();

    public static async Task<BrowserPage> OpenAsync(DevToolsConnection connection)
    {
        var target = await connection.SendAsync("Target.createTarget", new { url = "about:blank" });
        var attached = await connection.SendAsync("Target.attachToTarget", new { targetId = target.GetProperty("targetId").GetString(), flatten = true });
        var page = new BrowserPage(connection, attached.GetProperty("sessionId").GetString()!);
        await page.SendAsync("Page.enable");
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width = 1280, height = 900, deviceScaleFactor = 1, mobile = false });
        return page;
    }

    /// <summary>
    /// Answers every HTTP authentication prompt as a user typing these credentials would, or cancels
    /// it (like pressing Cancel) when <paramref name="credentials"/> is null. Requests are intercepted
    /// only to see the prompts; each continues unchanged.
    /// </summary>
    public async Task AnswerLoginPromptsAsync((string User, string Password)? credentials)
    {
        _connection.EventReceived += message =>
        {
            if (message.SessionId != _sessionId)
            {
                return;
            }

            var requestId = message.Parameters.ValueKind == JsonValueKind.Object && message.Parameters.TryGetProperty("requestId", out var id)
                ? id.GetString()
                : null;
            if (message.Method == "Fetch.requestPaused")
            {
                _connection.Post("Fetch.continueRequest", new { requestId }, _sessionId);
            }
            else if (message.Method == "Fetch.authRequired")
            {
                var challenge = message.Parameters.GetProperty("authChallenge");
                _challenges.Enqueue(new AuthChallenge(
                    challenge.GetProperty("scheme").GetString() ?? "",
                    challenge.GetProperty("realm").GetString() ?? "",
                    challenge.GetProperty("origin").GetString() ?? ""));
                object answer = credentials is { } given
                    ? new { response = "ProvideCredentials", username = given.User, password = given.Password }
                    : new { response = "CancelAuth" };
                _connection.Post("Fetch.continueWithAuth", new { requestId, authChallengeResponse = answer }, _sessionId);
            }
        };
        await SendAsync("Fetch.enable", new { handleAuthRequests = true, patterns = new[] { new { urlPattern = "*" } } });
    }

    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new { url = url.ToString() });

    /// <summary>
    /// Polls the page's visible text until it satisfies <paramref name="condition"/>; returns that text.
    /// Before each read, clicks every button whose text contains <paramref name="clickButtonsWith"/>
    /// (e.g. to open collapsed sections), as a user looking for the text would.
    /// </summary>
    public async Task<string> WaitForTextAsync(Func<string, bool> condition, TimeSpan timeout, string? clickButtonsWith = null)
    {
        var click = clickButtonsWith is null
            ? ""
            : $"for (const b of document.querySelectorAll('button')) {{ if (b.textContent.includes({JsonSerializer.Serialize(clickButtonsWith)})) b.click(); }}";
        var read = $"(() => {{ {click} return document.body ? document.body.innerText : ''; }})()";
        var text = "";
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < timeout)
        {
            var evaluated = await SendAsync("Runtime.evaluate", new { expression = read, returnByValue = true });
            text = evaluated.GetProperty("result").TryGetProperty("value", out var value) ? value.GetString() ?? "" : "";
            if (condition(text))
            {
                return text;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The page did not show the expected text within {timeout}. It showed:\n{text}");
    }

    public async Task SaveScreenshotAsync(string path)
    {
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png" });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private Task<JsonElement> SendAsync(string method, object? parameters = null) => _connection.SendAsync(method, parameters, _sessionId);
}

/// <summary>A login prompt the browser would have shown: the server's HTTP authentication challenge.</summary>
public sealed record AuthChallenge(string Scheme, string Realm, string Origin);
