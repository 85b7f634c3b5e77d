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

    /// <summary>The stored format, byte for byte: held in exact arrays in memory (issue #14 item 3), written as before.</summary>
    [Fact]
    public void A_bucket_is_stored_in_the_same_json_and_read_into_exact_arrays()
    {
        const string Stored = """{"applied":3,"friends":[{"f":"a","h":[{"o":"op-1","r":"Bob","t":5},{"r":"","t":6}],"u":[{"o":"op-2","r":"","t":7}]},{"f":"b","h":[{"o":"op-3","t":8}]}]}""";

        var bucket = Serializer.Deserialize<RemarkBucket>(new BinaryData(Encoding.UTF8.GetBytes(Stored)));

        Assert.Equal(Stored, Encoding.UTF8.GetString(Serializer.Serialize(bucket).ToArray()));
        var friends = Assert.IsType<FriendEntry[]>(bucket.Friends);
        Assert.Equal(2, Assert.IsType<AppliedChange[]>(friends[0].History).Length);
        Assert.Single(Assert.IsType<AppliedChange[]>(friends[0].Unchanged));
        Assert.Null(friends[1].Unchanged);
        Assert.Equal(new AppliedChange("op-3", null, 8), friends[1].Latest);
        var changed = bucket with { Friends = [.. bucket.Friends.Reverse()] };
        Assert.IsType<FriendEntry[]>(changed.Friends);
        Assert.Equal("b", changed.Friends[0].FriendUserId);
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
