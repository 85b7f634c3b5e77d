using System.Text;
using OrleansRemarks.WebFront.Queries;

namespace OrleansRemarks.UnitTests.Queries;

public sealed class PageCursorTests
{
    [Theory]
    [InlineData("u2")]
    [InlineData("a/b%2F c?&=")]
    [InlineData("张伟😀")]
    public void Every_friend_id_round_trips(string friendUserId)
    {
        var cursor = PageCursor.Encode(friendUserId);

        Assert.True(PageCursor.TryDecode(cursor, out var decoded));
        Assert.Equal(friendUserId, decoded);
    }

    [Fact]
    public void A_cursor_is_url_safe_without_padding()
    {
        const string FriendUserId = "???~~~?>";
        Assert.Equal("Pz8/fn5+Pz4=", Convert.ToBase64String(Encoding.UTF8.GetBytes(FriendUserId)));

        Assert.Equal("Pz8_fn5-Pz4", PageCursor.Encode(FriendUserId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("a")] // one character cannot encode a byte
    public void Text_that_is_not_base64url_is_refused(string cursor) =>
        Assert.False(PageCursor.TryDecode(cursor, out _));

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        var cursor = Convert.ToBase64String([0xC3, 0x28]).TrimEnd('=');

        Assert.False(PageCursor.TryDecode(cursor, out _));
        Assert.True(PageCursor.TryDecode(Convert.ToBase64String(Encoding.UTF8.GetBytes("ok")).TrimEnd('='), out var ok));
        Assert.Equal("ok", ok);
    }
}
