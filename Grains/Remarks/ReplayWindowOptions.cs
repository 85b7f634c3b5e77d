using Microsoft.Extensions.Options;

namespace OrleansRemarks.Grains.Remarks;

/// <summary>How long replays are recognised (section "Remarks"), see <see cref="ReplayWindow"/>.</summary>
public sealed class ReplayWindowOptions
{
    public const string SectionName = "Remarks";

    public static readonly TimeSpan Default = TimeSpan.FromDays(1);
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    /// <summary>Remembered changes and tombstones older than this are dropped at the next write of their bucket.</summary>
    public TimeSpan ReplayWindow { get; set; } = Default;
}

/// <summary>Refuses a replay window shorter than a minute (proxies retry within seconds) or longer than a year.</summary>
public sealed class ReplayWindowOptionsValidator : IValidateOptions<ReplayWindowOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplayWindowOptions options) =>
        options.ReplayWindow < ReplayWindowOptions.Shortest || options.ReplayWindow > ReplayWindowOptions.Longest
            ? ValidateOptionsResult.Fail(
                $"{ReplayWindowOptions.SectionName}:ReplayWindow must be between {ReplayWindowOptions.Shortest:c} and {ReplayWindowOptions.Longest:c}, not {options.ReplayWindow:c}")
            : ValidateOptionsResult.Success;
}
