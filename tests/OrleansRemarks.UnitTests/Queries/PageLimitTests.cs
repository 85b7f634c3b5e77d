using OrleansRemarks.WebFront.Queries;

namespace OrleansRemarks.UnitTests.Queries;

public sealed class PageLimitTests
{
    [Fact]
    public void No_limit_means_the_default_or_the_configured_maximum_when_smaller()
    {
        Assert.True(PageLimit.TryParse(null, PageLimit.Max, out var limit));
        Assert.Equal(PageLimit.Default, limit);
        Assert.True(PageLimit.TryParse(null, 20, out limit));
        Assert.Equal(20, limit);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("250", 250)]
    [InlineData("1000", 1000)]
    [InlineData("007", 7)]
    public void Plain_digits_within_range_are_taken(string text, int expected)
    {
        Assert.True(PageLimit.TryParse(text, PageLimit.Max, out var limit));
        Assert.Equal(expected, limit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    [InlineData("1e2")]
    [InlineData("ten")]
    [InlineData("99999999999")]
    public void Anything_else_is_refused(string text) =>
        Assert.False(PageLimit.TryParse(text, PageLimit.Max, out _));

    [Fact]
    public void The_configured_maximum_bounds_the_limit_but_never_raises_it_past_the_grains()
    {
        Assert.False(PageLimit.TryParse("51", 50, out _));
        Assert.True(PageLimit.TryParse("50", 50, out _));
        Assert.False(PageLimit.TryParse((PageLimit.Max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), PageLimit.Max * 2, out _));
    }
}
