using System.Text;
using System.Text.Json;

namespace OrleansRemarks.UnitTests.OpenIm;

/// <summary>The shared Go encoder of callback bodies (tests, bench and fault runner) writes what Go's encoding/json writes.</summary>
public sealed class GoJsonTests
{
    [Fact]
    public void Html_characters_line_separators_and_control_characters_are_escaped_as_go_does()
    {
        Assert.Equal(
            "\"\\u003cb\\u003e \\u0026 \\\"q\\\" \\\\ \\b\\f\\n\\r\\t \\u0001\\u001f \\u2028\\u2029\"",
            GoJson.String("<b> & \"q\" \\ \b\f\n\r\t \u0001\u001f \u2028\u2029"));
    }

    [Fact]
    public void Other_characters_stay_raw_utf8()
    {
        Assert.Equal("\"张三 é 😀 \u007f\"", GoJson.String("张三 é 😀 \u007f"));
    }

    [Fact]
    public void A_callback_body_has_the_struct_order_no_spaces_and_the_encoders_trailing_newline()
    {
        var body = GoJson.FriendRemarkCallback("callbackAfterSetFriendRemarkCommand", "u1", "u2", "<Bob>");

        Assert.Equal(
            "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\",\"remark\":\"\\u003cBob\\u003e\"}\n",
            Encoding.UTF8.GetString(body));
        using var parsed = JsonDocument.Parse(body);
        Assert.Equal("<Bob>", parsed.RootElement.GetProperty("remark").GetString());
    }

    [Fact]
    public void A_delete_body_has_no_remark()
    {
        var body = Encoding.UTF8.GetString(GoJson.DeleteFriendCallback("u1", "u2"));

        Assert.Equal("{\"callbackCommand\":\"callbackAfterDeleteFriendCommand\",\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\"}\n", body);
    }
}
