using OrleansRemarks.WebFront.Policy.Rules;

namespace OrleansRemarks.UnitTests.Policy;

/// <summary>The policy's text operations, without any server: grapheme counting, normalisation, the matching form.</summary>
public sealed class RemarkTextTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Bob", 3)]
    [InlineData("👍🏽", 1)]                                  // thumbs up + skin tone modifier
    [InlineData("👨‍👩‍👧", 1)]                               // family: three emoji joined by ZWJ
    [InlineData("🇫🇷🇩🇪", 2)]                              // two flags, four regional indicators
    [InlineData("e\u0301", 1)]                          // e + combining acute
    [InlineData("한국어", 3)]
    [InlineData("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 1)] // Scotland: flag + tags
    public void Counts_text_elements_not_code_units(string text, int expected) =>
        Assert.Equal(expected, RemarkText.CountTextElements(text));

    [Theory]
    [InlineData("  Bob  ", "Bob")]
    [InlineData("Bob\t\t  the\n\r\nBuilder", "Bob the Builder")]
    [InlineData("Bob\u3000Smith", "Bob Smith")]                     // ideographic space is whitespace
    [InlineData("B\u200Bo\uFEFFb", "Bob")]                          // zero-width space, BOM
    [InlineData("\u202EboB\u202C", "boB")]                          // right-to-left override, pop
    [InlineData("\u2066Bob\u2069 \u200E\u200F", "Bob")]             // isolates, LRM, RLM
    [InlineData("Bo\u0000b\u0007\u007F", "Bob")]                    // control characters
    [InlineData("Bo\u00ADb\u2060", "Bob")]                          // soft hyphen, word joiner
    [InlineData("\u3164Bob\u115F", "Bob")]                          // Hangul fillers
    [InlineData("Bob\u200D", "Bob")]                                // dangling joiner
    [InlineData("Bob", "Bob")]
    public void Normalize_trims_collapses_and_strips_invisible_characters(string remark, string expected) =>
        Assert.Equal(expected, RemarkText.Normalize(remark));

    [Theory]
    [InlineData("👨‍👩‍👧")]
    [InlineData("Dad 👨‍💻 at work")]
    [InlineData("👍🏽")]
    [InlineData("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")]
    [InlineData("می\u200Cخواهم")]                                  // Persian: ZWNJ between letters
    [InlineData("❤️")]                                             // heart + VS16
    public void Normalize_keeps_joiners_inside_emoji_sequences_and_words(string remark) =>
        Assert.Equal(remark, RemarkText.Normalize(remark));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\uFEFF\u202E")]
    [InlineData(" \t\u200B \u3164 ")]
    public void Normalize_can_empty_a_remark(string remark) =>
        Assert.Equal("", RemarkText.Normalize(remark));

    [Fact]
    public void Normalize_strips_an_unpaired_surrogate() =>
        Assert.Equal("Bob", RemarkText.Normalize("Bo\uD800b"));

    [Fact]
    public void This_process_has_nfkc() => Assert.True(RemarkText.CanNormalizeCompatibility);

    [Theory]
    [InlineData("ＢＡＤ", "bad")]                                   // full-width
    [InlineData("𝐁𝐀𝐃", "bad")]                                     // mathematical bold
    [InlineData("𝓫𝓪𝓭", "bad")]                                     // mathematical script
    [InlineData("Ⓑⓐⓓ", "bad")]                                     // circled
    [InlineData("ﬁne", "fine")]                                    // ligature
    [InlineData("\u212Aelvin", "kelvin")]                          // Kelvin sign
    [InlineData("STRASSE", "strasse")]
    [InlineData("Straße", "strasse")]
    [InlineData("ΣΊΣΥΦΟΣ", "σίσυφοσ")]
    [InlineData("b\u200Ba\u200Dd", "bad")]                         // invisible characters cannot split a word
    [InlineData("  BAD   word ", "bad word")]
    public void Matching_form_is_nfkc_case_folded_and_clean(string text, string expected) =>
        Assert.Equal(expected, RemarkText.MatchingForm(text));
}
