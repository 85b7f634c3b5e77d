using OrleansRemarks.Grains.Remarks;

namespace OrleansRemarks.UnitTests.Policy;

/// <summary>The owner grain's sliding one-minute window, driven by explicit times.</summary>
public sealed class ChangeRateWindowTests
{
    private const long Start = 1_800_000_000_000;

    [Fact]
    public void Allows_the_limit_then_refuses_until_the_oldest_change_is_a_minute_old()
    {
        var window = new ChangeRateWindow();

        Assert.True(window.TryCount(Start, 3).Allowed);
        Assert.True(window.TryCount(Start + 10_000, 3).Allowed);
        var third = window.TryCount(Start + 20_000, 3);
        Assert.True(third.Allowed);
        Assert.Equal(3, third.ChangesInLastMinute);

        var refused = window.TryCount(Start + 30_000, 3);
        Assert.False(refused.Allowed);
        Assert.Equal(30, refused.RetryAfterSeconds);
        Assert.False(window.TryCount(Start + 59_999, 3).Allowed);

        var later = window.TryCount(Start + 60_000, 3);
        Assert.True(later.Allowed);
        Assert.Equal(3, later.ChangesInLastMinute);
    }

    [Fact]
    public void A_refusal_is_not_counted()
    {
        var window = new ChangeRateWindow();
        Assert.True(window.TryCount(Start, 1).Allowed);
        for (var second = 1; second < 60; second++)
        {
            Assert.False(window.TryCount(Start + (second * 1000), 1).Allowed);
        }

        Assert.True(window.TryCount(Start + 60_000, 1).Allowed);
    }

    [Fact]
    public void A_changed_limit_applies_at_once_to_the_changes_already_counted()
    {
        var window = new ChangeRateWindow();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(window.TryCount(Start + (i * 1000), 10).Allowed);
        }

        var lowered = window.TryCount(Start + 10_000, 2);
        Assert.False(lowered.Allowed);
        Assert.Equal(5, lowered.ChangesInLastMinute);
        Assert.Equal(53, lowered.RetryAfterSeconds);   // the 4th change (at 3 s) must age out, at 63 s
        Assert.False(window.TryCount(Start + 11_000, 4).Allowed);
        Assert.True(window.TryCount(Start + 12_000, 6).Allowed);
    }

    [Fact]
    public void Refuses_a_limit_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChangeRateWindow().TryCount(Start, 0));
}
