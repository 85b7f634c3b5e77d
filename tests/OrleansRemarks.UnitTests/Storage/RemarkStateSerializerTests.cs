using System.Text;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.UnitTests.Storage;

public sealed class RemarkStateSerializerTests
{
    private static readonly RemarkStateSerializer Serializer = new();

    [Theory]
    [InlineData("张伟的朋友", 3)]
    [InlineData("😀👍🏽", 4)]
    [InlineData("日本語もOK 한국어", 3)]
    public void Non_ascii_remarks_and_ids_are_stored_as_utf8_without_escapes(string text, int maxBytesPerChar)
    {
        var bucket = new RemarkBucket(1, [new FriendEntry("朋友-" + text, [new AppliedChange("操作-" + text, text, 1)])]);

        var payload = Serializer.Serialize(bucket).ToArray();
        var json = Encoding.UTF8.GetString(payload);

        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Contains(text, json, StringComparison.Ordinal);
        var textBytes = 3 * Encoding.UTF8.GetByteCount(text);
        Assert.InRange(payload.Length, textBytes, textBytes + 80 + (3 * maxBytesPerChar));
        Assert.Equal(bucket.Friends[0].History[0], Serializer.Deserialize<RemarkBucket>(new BinaryData(payload)).Friends[0].History[0]);
    }

    [Fact]
    public void Characters_json_requires_escaped_still_round_trip()
    {
        const string Remark = "quote \" back \\ nul \0 line\nbreak tab\t bell \u0007 del \u007f <&> '";
        var bucket = new RemarkBucket(1, [new FriendEntry("f\"\\\n", [new AppliedChange("op\u0001", Remark, 1)])]);

        var payload = Serializer.Serialize(bucket);
        var stored = Serializer.Deserialize<RemarkBucket>(payload);

        Assert.Equal("f\"\\\n", stored.Friends[0].FriendUserId);
        Assert.Equal(new AppliedChange("op\u0001", Remark, 1), stored.Friends[0].History[0]);
        using var document = System.Text.Json.JsonDocument.Parse(payload.ToMemory());
        Assert.Equal(Remark, document.RootElement.GetProperty("friends")[0].GetProperty("h")[0].GetProperty("r").GetString());
    }

    [Fact]
    public void Rows_written_with_escapes_before_still_load()
    {
        // What the default encoder wrote before remarks were stored unescaped.
        const string Escaped = """{"applied":2,"friends":[{"f":"\u670B\u53CB","h":[{"o":"op-1","r":"\u5F20\u4F1F \uD83D\uDE00 \u003Cb\u003E","t":5}]}]}""";

        var stored = Serializer.Deserialize<RemarkBucket>(new BinaryData(Encoding.UTF8.GetBytes(Escaped)));

        Assert.Equal(2, stored.AppliedChanges);
        Assert.Equal("朋友", stored.Friends[0].FriendUserId);
        Assert.Equal(new AppliedChange("op-1", "张伟 😀 <b>", 5), stored.Friends[0].History[0]);
    }
}
