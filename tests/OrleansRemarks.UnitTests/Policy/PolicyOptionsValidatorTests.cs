using OrleansRemarks.WebFront.Policy.Rules;

namespace OrleansRemarks.UnitTests.Policy;

public sealed class PolicyOptionsValidatorTests
{
    private readonly PolicyOptionsValidator _validator = new();

    [Fact]
    public void Defaults_and_sensible_rules_are_valid()
    {
        Assert.True(_validator.Validate(null, new PolicyOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new PolicyOptions
        {
            MaxLength = 32,
            BlockedTerms = ["idiot", "ＢＡＤ"],
            Normalize = true,
            MaxChangesPerOwnerPerMinute = 10,
            TimeoutMilliseconds = 50,
        }).Succeeded);
    }

    [Theory]
    [InlineData("MaxLength", -1)]
    [InlineData("MaxLength", 100_001)]
    [InlineData("MaxChangesPerOwnerPerMinute", -1)]
    [InlineData("MaxChangesPerOwnerPerMinute", 10_001)]
    [InlineData("TimeoutMilliseconds", 0)]
    [InlineData("TimeoutMilliseconds", 2001)]
    public void Out_of_range_numbers_are_refused_by_name(string key, int value)
    {
        var options = new PolicyOptions();
        typeof(PolicyOptions).GetProperty(key)!.SetValue(options, value);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Policy:{key}", result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200D")]
    public void Blank_terms_are_refused_with_their_index(string term)
    {
        var result = _validator.Validate(null, new PolicyOptions { BlockedTerms = ["fine", term] });

        Assert.True(result.Failed);
        Assert.Contains("Policy:BlockedTerms:1", result.FailureMessage);
    }

    [Fact]
    public void Overlong_terms_are_refused() =>
        Assert.Contains("Policy:BlockedTerms:0", _validator.Validate(null, new PolicyOptions { BlockedTerms = [new string('x', 201)] }).FailureMessage);
}
