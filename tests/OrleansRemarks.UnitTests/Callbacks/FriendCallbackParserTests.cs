using System.Text;
using OrleansRemarks.WebFront.Callbacks;

namespace OrleansRemarks.UnitTests.Callbacks;

/// <summary>Callback bodies as Go's encoding/json writes them are taken; every other body gets its own errCode.</summary>
public sealed class FriendCallbackParserTests
{
    private const string AfterSet = CallbackCommands.AfterSetFriendRemark;
    private const int MaxRemarkBytes = 64;

    private static CallbackRejection Rejected(string body, string command = AfterSet, bool remarkRequired = true) =>
        Rejected(Encoding.UTF8.GetBytes(body), command, remarkRequired);

    private static CallbackRejection Rejected(byte[] body, string command = AfterSet, bool remarkRequired = true)
    {
        Assert.False(FriendCallbackParser.TryParse(body, command, remarkRequired, MaxRemarkBytes, out var callback, out var rejection));
        Assert.Null(callback);
        Assert.False(string.IsNullOrEmpty(rejection.Detail));
        return rejection;
    }

    private static FriendCallback Parsed(byte[] body, string command = AfterSet, bool remarkRequired = true)
    {
        Assert.True(FriendCallbackParser.TryParse(body, command, remarkRequired, MaxRemarkBytes, out var callback, out var rejection), rejection?.Detail);
        return callback;
    }

    [Fact]
    public void A_go_encoded_body_with_html_escapes_and_trailing_newline_is_taken()
    {
        var body = GoJson.FriendRemarkCallback(AfterSet, "u1", "u2", "<b>Bob</b> & co\u2028");
        Assert.Contains("\\u003cb\\u003e", Encoding.UTF8.GetString(body), StringComparison.Ordinal);

        Assert.Equal(new FriendCallback("u1", "u2", "<b>Bob</b> & co\u2028"), Parsed(body));
    }

    [Fact]
    public void A_byte_order_mark_and_unknown_fields_are_ignored()
    {
        var body = Encoding.UTF8.GetBytes("\uFEFF{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\",\"remark\":\"\",\"platformID\":1,\"ex\":{\"a\":[1]}}");

        Assert.Equal(new FriendCallback("u1", "u2", ""), Parsed(body));
    }

    [Fact]
    public void After_delete_friend_needs_no_remark() =>
        Assert.Equal(
            new FriendCallback("u1", "u2", null),
            Parsed(GoJson.DeleteFriendCallback("u1", "u2"), CallbackCommands.AfterDeleteFriend, remarkRequired: false));

    [Theory]
    [InlineData("")]
    [InlineData(" \n")]
    [InlineData("{\"ownerUserID\":")]
    [InlineData("{'ownerUserID':'u1'}")]
    [InlineData("{} {}")]
    public void A_body_that_is_not_json_is_20001(string body) =>
        Assert.Equal(CallbackErrorCode.BodyNotJson, Rejected(body).Code);

    [Fact]
    public void A_string_that_is_not_utf8_is_20001()
    {
        var body = GoJson.FriendRemarkCallback(AfterSet, "u1", "u2", "Bob");
        var invalid = body.Select(b => b == (byte)'B' ? (byte)0xFF : b).ToArray();

        Assert.Equal(CallbackErrorCode.BodyNotJson, Rejected(invalid).Code);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":42,\"friendUserID\":\"u2\",\"remark\":\"r\"}")]
    [InlineData("{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\",\"remark\":[\"r\"]}")]
    public void A_body_that_is_not_an_object_of_strings_is_20002(string body) =>
        Assert.Equal(CallbackErrorCode.WrongFieldType, Rejected(body).Code);

    [Fact]
    public void A_command_that_is_missing_or_differs_from_the_path_is_20006()
    {
        Assert.Equal(CallbackErrorCode.CommandMismatch, Rejected("{\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\",\"remark\":\"r\"}").Code);
        Assert.Equal(CallbackErrorCode.CommandMismatch, Rejected(GoJson.FriendRemarkCallback(AfterSet.ToUpperInvariant(), "u1", "u2", "r")).Code);
        Assert.Equal(CallbackErrorCode.CommandMismatch, Rejected(GoJson.DeleteFriendCallback("u1", "u2")).Code);
    }

    [Fact]
    public void Missing_and_invalid_user_ids_have_their_own_codes()
    {
        Assert.Equal(CallbackErrorCode.MissingOwnerUserId, Rejected(GoJson.FriendRemarkCallback(AfterSet, "", "u2", "r")).Code);
        Assert.Equal(CallbackErrorCode.MissingFriendUserId, Rejected(GoJson.FriendRemarkCallback(AfterSet, "u1", "", "r")).Code);
        Assert.Equal(CallbackErrorCode.InvalidOwnerUserId, Rejected(GoJson.FriendRemarkCallback(AfterSet, "u\u00001", "u2", "r")).Code);
        Assert.Equal(CallbackErrorCode.InvalidFriendUserId, Rejected(GoJson.FriendRemarkCallback(AfterSet, "u1", new string('x', 257), "r")).Code);
        Assert.Equal(CallbackErrorCode.InvalidFriendUserId, Rejected(GoJson.FriendRemarkCallback(AfterSet, "u1", "u\u20282", "r")).Code);
    }

    [Fact]
    public void The_invalid_value_is_never_echoed()
    {
        var rejection = Rejected(GoJson.FriendRemarkCallback(AfterSet, "secret\u0007value", "u2", "r"));

        Assert.DoesNotContain("secret", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains("U+0007", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void After_set_remark_without_a_remark_is_20005() =>
        Assert.Equal(CallbackErrorCode.MissingRemark, Rejected("{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\",\"remark\":null}").Code);

    [Fact]
    public void A_remark_is_bounded_in_utf8_bytes()
    {
        // 21 three-byte characters: 63 bytes fit, one more byte does not.
        var fits = new string('张', 21);
        Assert.Equal(fits, Parsed(GoJson.FriendRemarkCallback(AfterSet, "u1", "u2", fits)).Remark);

        var rejection = Rejected(GoJson.FriendRemarkCallback(AfterSet, "u1", "u2", fits + "ab"));
        Assert.Equal(CallbackErrorCode.RemarkTooLong, rejection.Code);
        Assert.Contains("65", rejection.Detail, StringComparison.Ordinal);
    }
}
