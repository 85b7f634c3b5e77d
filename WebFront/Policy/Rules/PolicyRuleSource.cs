using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OrleansRemarks.WebFront.Policy.Rules;

/// <summary>
/// The active <see cref="RemarkRules"/>. Starts from the validated <see cref="IOptionsMonitor{TOptions}"/>
/// value (validated at start by <see cref="PolicyOptionsValidator"/>), and rebuilds them whenever the
/// configuration behind <c>Policy:*</c> changes. A change that fails validation (or binding) is
/// logged with its reasons and the previous rules stay active.
/// </summary>
public sealed partial class PolicyRuleSource : IDisposable
{
    private readonly IOptionsFactory<PolicyOptions> _factory;
    private readonly TimeProvider _clock;
    private readonly ILogger<PolicyRuleSource> _logger;
    private readonly List<IDisposable> _subscriptions = [];
    private volatile ActivePolicy _active;

    public PolicyRuleSource(
        IOptionsMonitor<PolicyOptions> monitor,
        IOptionsFactory<PolicyOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<PolicyOptions>> changeSources,
        TimeProvider clock,
        ILogger<PolicyRuleSource> logger)
    {
        _factory = factory;
        _clock = clock;
        _logger = logger;
        _active = new ActivePolicy(new RemarkRules(monitor.CurrentValue), clock.GetUtcNow(), null);
        foreach (var source in changeSources.Where(source => source.Name == Options.DefaultName))
        {
            // Not IOptionsMonitor.OnChange: the monitor does not call it for a change that fails validation.
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }
    }

    /// <summary>The rules to apply now; read once per callback.</summary>
    public RemarkRules Current => _active.Rules;

    /// <summary>The rules, when they were loaded, and why the latest change was refused (null when it was not).</summary>
    public ActivePolicy Active => _active;

    /// <summary>Builds the rules from the configuration as it is now; keeps the previous ones when it is invalid.</summary>
    public void Reload()
    {
        var previous = _active;
        try
        {
            var rules = new RemarkRules(_factory.Create(Options.DefaultName));
            _active = new ActivePolicy(rules, _clock.GetUtcNow(), null);
            LogReloaded(rules.MaxLength, rules.BlockedTerms.Count, rules.Normalize, rules.MaxChangesPerOwnerPerMinute, (int)rules.Timeout.TotalMilliseconds);
        }
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
        {
            var reason = exception is OptionsValidationException invalid ? string.Join(" ", invalid.Failures) : exception.Message;
            _active = previous with { ReloadError = reason };
            LogReloadRefused(reason);
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Remark policy reloaded: MaxLength {MaxLength}, {BlockedTerms} blocked terms, Normalize {Normalize}, MaxChangesPerOwnerPerMinute {MaxChanges}, TimeoutMilliseconds {TimeoutMilliseconds}")]
    private partial void LogReloaded(int maxLength, int blockedTerms, bool normalize, int maxChanges, int timeoutMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remark policy change refused, the previous rules stay active: {Reason}")]
    private partial void LogReloadRefused(string reason);
}

/// <param name="LoadedAt">When these rules became active.</param>
/// <param name="ReloadError">Why the latest configuration change was refused; null when it was applied.</param>
public sealed record ActivePolicy(RemarkRules Rules, DateTimeOffset LoadedAt, string? ReloadError);
