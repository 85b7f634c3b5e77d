using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.UnitTests.Grains;

/// <summary>Which change is a replay, which changes nothing, and what an entry remembers afterwards.</summary>
public sealed class ChangeRulesTests
{
    private static FriendEntry Entry(params AppliedChange[] history) => new("f", history);

    private static AppliedChange Change(string? operationId, string? remark, long appliedAtUnixMs) => new(operationId, remark, appliedAtUnixMs);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Clearing_or_deleting_a_friend_never_seen_changes_nothing(string? remark) =>
        Assert.Equal(RemarkChangeOutcome.Unchanged, ChangeRules.OutcomeWithoutWrite(null, "op-1", remark));

    [Fact]
    public void A_first_remark_must_be_applied() =>
        Assert.Null(ChangeRules.OutcomeWithoutWrite(null, "op-1", "Bob"));

    [Fact]
    public void The_same_operation_with_the_same_remark_is_a_duplicate_even_after_newer_changes()
    {
        var entry = Entry(Change("op-1", "Bob", 1), Change("op-2", "Robert", 2));

        Assert.Equal(RemarkChangeOutcome.Duplicate, ChangeRules.OutcomeWithoutWrite(entry, "op-1", "Bob"));
    }

    [Fact]
    public void The_same_operation_with_another_remark_is_a_new_change()
    {
        var entry = Entry(Change("op-1", "Bob", 1));

        Assert.Null(ChangeRules.OutcomeWithoutWrite(entry, "op-1", "Robert"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_an_operation_id_nothing_is_a_duplicate(string? operationId)
    {
        var entry = Entry(Change(null, "Bob", 1), Change(null, "Robert", 2));

        Assert.Null(ChangeRules.OutcomeWithoutWrite(entry, operationId, "Bob"));
    }

    [Fact]
    public void A_replay_of_a_change_answered_unchanged_is_a_duplicate()
    {
        var entry = Entry(Change("op-1", "Bob", 1), Change("op-3", "Robert", 3)) with { Unchanged = [Change("op-2", "Bob", 2)] };

        // Were it applied, it would turn "Robert" back into "Bob".
        Assert.Equal(RemarkChangeOutcome.Duplicate, ChangeRules.OutcomeWithoutWrite(entry, "op-2", "Bob"));
    }

    [Fact]
    public void Setting_the_current_remark_again_is_unchanged()
    {
        var entry = Entry(Change("op-1", "Bob", 1));

        Assert.Equal(RemarkChangeOutcome.Unchanged, ChangeRules.OutcomeWithoutWrite(entry, "op-2", "Bob"));
        Assert.Null(ChangeRules.OutcomeWithoutWrite(entry, "op-2", "bob"));
    }

    [Theory]
    [InlineData("", "", RemarkChangeOutcome.Unchanged)]
    [InlineData("", null, RemarkChangeOutcome.Unchanged)]
    [InlineData(null, "", RemarkChangeOutcome.Unchanged)]
    [InlineData("Bob", "", null)]
    [InlineData("Bob", null, null)]
    public void A_clear_or_delete_changes_something_only_while_a_remark_is_set(string? latest, string? remark, RemarkChangeOutcome? expected)
    {
        var entry = Entry(Change("op-1", latest, 1));

        Assert.Equal(expected, ChangeRules.OutcomeWithoutWrite(entry, "op-2", remark));
    }

    [Fact]
    public void Append_keeps_only_the_newest_changes_and_what_was_remembered_as_unchanged()
    {
        AppliedChange[] unchanged = [new("op-u", "x", 0)];
        FriendEntry? entry = null;
        for (var i = 1; i <= RemarkLimits.RememberedChangesPerFriend + 2; i++)
        {
            entry = ChangeRules.Append(entry is null ? null : entry with { Unchanged = unchanged }, "f", new AppliedChange("op-" + i, "r" + i, i));
        }

        Assert.Equal(RemarkLimits.RememberedChangesPerFriend, entry!.History.Count);
        Assert.Equal("op-3", entry.History[0].OperationId);
        Assert.Equal("r6", entry.Latest.Remark);
        Assert.Equal(unchanged, entry.Unchanged);
    }

    [Fact]
    public void Remember_keeps_the_history_and_adds_to_the_unchanged_changes()
    {
        var entry = Entry(Change("op-1", "Bob", 1));

        var remembered = ChangeRules.Remember(entry, "f", new AppliedChange("op-2", "Bob", 2));

        Assert.Same(entry.History, remembered.History);
        Assert.Equal([new AppliedChange("op-2", "Bob", 2)], remembered.Unchanged);
        Assert.Equal("Bob", remembered.Latest.Remark);
    }
}
