using OrleansRemarks.WebFront.Policy.Rules;

namespace OrleansRemarks.UnitTests.Policy;

/// <summary>Each stateless rule of the policy, and how they combine, without any server.</summary>
public sealed class RemarkRulesTests
{
    [Fact]
    public void Default_options_turn_every_rule_off()
    {
        var rules = new RemarkRules(new PolicyOptions());

        Assert.False(rules.IsActive);
        Assert.False(rules.AsksOwner);
        Assert.Equal(TimeSpan.FromMilliseconds(200), rules.Timeout);
        Assert.Equal(PolicyDecision.Allowed, rules.DecideWithoutState(new string('x', 10_000) + "\u200B"));
    }

    [Theory]
    [InlineData("Bob", PolicyDecisionKind.Allowed)]
    [InlineData("12345", PolicyDecisionKind.Allowed)]
    [InlineData("123456", PolicyDecisionKind.Refused)]
    [InlineData("👍🏽👍🏽👍🏽👍🏽👍🏽", PolicyDecisionKind.Allowed)]                 // 5 text elements, 20 UTF-16 units
    [InlineData("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", PolicyDecisionKind.Allowed)]
    [InlineData("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", PolicyDecisionKind.Refused)]
    [InlineData("", PolicyDecisionKind.Allowed)]
    public void MaxLength_counts_text_elements(string remark, PolicyDecisionKind expected)
    {
        var decision = Rules(maxLength: 5).DecideWithoutState(remark);

        Assert.Equal(expected, decision.Kind);
        if (expected == PolicyDecisionKind.Refused)
        {
            Assert.Equal(PolicyRule.MaxLength, decision.Rule);
            Assert.Equal(PolicyRefusalCode.TooLong, decision.Code);
            Assert.Contains("at most 5", decision.Detail);
            Assert.Equal(22001, (int)decision.Code!.Value);
        }
    }

    [Theory]
    [InlineData("my ｉｄｉｏｔ friend")]
    [InlineData("𝐈𝐃𝐈𝐎𝐓")]
    [InlineData("IdIoT")]
    [InlineData("i\u200Bdiot")]
    [InlineData("Scheiße")]
    [InlineData("SCHEISSE!")]
    public void BlockedTerms_match_after_nfkc_and_case_folding(string remark)
    {
        var decision = Rules(blockedTerms: ["idiot", "scheiße"]).DecideWithoutState(remark);

        Assert.Equal(PolicyDecisionKind.Refused, decision.Kind);
        Assert.Equal(PolicyRule.BlockedTerms, decision.Rule);
        Assert.Equal(22002, (int)decision.Code!.Value);
        Assert.DoesNotContain(remark, decision.Detail);
    }

    [Theory]
    [InlineData("Bob")]
    [InlineData("idio t")]
    [InlineData("")]
    public void BlockedTerms_let_other_remarks_through(string remark) =>
        Assert.Equal(PolicyDecision.Allowed, Rules(blockedTerms: ["idiot", "ＢＡＤ"]).DecideWithoutState(remark));

    [Fact]
    public void A_term_written_in_full_width_blocks_plain_text_too()
    {
        var rules = Rules(blockedTerms: ["ＢＡＤ Ｗｏｒｄ"]);

        Assert.Equal(0, rules.FindBlockedTerm("a bad   word"));
        Assert.Null(rules.FindBlockedTerm("badword"));
    }

    [Fact]
    public void Normalize_rewrites_a_changed_remark()
    {
        var decision = Rules(normalize: true).DecideWithoutState("  Bob\u200B  the   Builder ");

        Assert.Equal(PolicyDecisionKind.Rewritten, decision.Kind);
        Assert.Equal(PolicyRule.Normalize, decision.Rule);
        Assert.Equal("Bob the Builder", decision.RewrittenRemark);
    }

    [Fact]
    public void Normalize_leaves_a_clean_remark_alone() =>
        Assert.Equal(PolicyDecision.Allowed, Rules(normalize: true).DecideWithoutState("Bob 👨‍👩‍👧"));

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("   ")]
    [InlineData("")]
    public void Normalize_that_empties_a_remark_allows_it_unchanged(string remark)
    {
        // OpenIM ignores an empty "remark" in the reply, so there is nothing to rewrite to.
        var decision = Rules(normalize: true).DecideWithoutState(remark);

        Assert.Equal(PolicyDecision.Allowed, decision);
        Assert.Null(decision.RewrittenRemark);
    }

    [Fact]
    public void Length_is_measured_on_the_normalised_remark()
    {
        var rules = Rules(maxLength: 3, normalize: true);

        Assert.Equal("Bob", rules.DecideWithoutState("   B\u200Bo\u200Bb   ").RewrittenRemark);
        Assert.Equal(PolicyDecisionKind.Refused, Rules(maxLength: 3).DecideWithoutState("   Bob   ").Kind);
    }

    [Fact]
    public void Length_is_checked_before_blocked_terms()
    {
        var decision = Rules(maxLength: 3, blockedTerms: ["idiot"]).DecideWithoutState("idiot");

        Assert.Equal(PolicyRule.MaxLength, decision.Rule);
    }

    [Fact]
    public void Rate_rule_asks_the_owner_and_nothing_else_does()
    {
        Assert.True(Rules(maxChanges: 3).AsksOwner);
        Assert.True(Rules(maxChanges: 3).IsActive);
        Assert.False(Rules(maxLength: 3, blockedTerms: ["x"], normalize: true).AsksOwner);
    }

    private static RemarkRules Rules(int maxLength = 0, List<string>? blockedTerms = null, bool normalize = false, int maxChanges = 0) =>
        new(new PolicyOptions
        {
            MaxLength = maxLength,
            BlockedTerms = blockedTerms ?? [],
            Normalize = normalize,
            MaxChangesPerOwnerPerMinute = maxChanges,
        });
}
