using Microsoft.Extensions.Configuration;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Cluster;

namespace OrleansRemarks.UnitTests.Queries;

/// <summary>The packed form a client-only web front sends lookups in (issue #14: what the separate topology serializes).</summary>
public sealed class PackedLookupTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123);

    [Fact]
    public void Strings_round_trip_whatever_they_hold()
    {
        string[] values = ["f1", "", "张伟😀", "a\"b\\c", "with spaces ", "", "last"];

        var packed = PackedStrings.Pack(values);

        Assert.Equal(values.Length, packed.Count);
        Assert.Equal(values, packed.Unpack());
    }

    [Theory]
    [InlineData("abc", new[] { 1, 1 })]
    [InlineData("abc", new[] { 2, 2 })]
    [InlineData("abc", new[] { 4 })]
    [InlineData("abc", new[] { -1, 4 })]
    [InlineData("", new[] { 1 })]
    public void Lengths_that_do_not_cut_the_text_exactly_are_refused(string text, int[] lengths)
    {
        Assert.Throws<ArgumentException>(() => new PackedStrings(text, lengths).Unpack());
    }

    [Fact]
    public void A_packed_answer_unpacks_to_what_the_plain_lookup_answers()
    {
        string[] asked = ["f2", "nobody", "f1", "f2", "张伟"];
        FriendRemark[] found = [new("f2", "two", At), new("f1", "", At.AddDays(-1)), new("张伟", "老同学 😀", At.AddMilliseconds(1))];

        var packed = PackedLookupResult.Of(asked, found);

        Assert.Equal([0, 2, 4], packed.Indexes);
        Assert.Equal(found, packed.Unpack(asked));
    }

    [Fact]
    public void Nothing_found_packs_to_nothing()
    {
        var packed = PackedLookupResult.Of(["a", "b"], []);

        Assert.Empty(packed.Indexes);
        Assert.Empty(packed.Unpack(["a", "b"]));
    }

    [Fact]
    public void A_found_friend_out_of_request_order_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PackedLookupResult.Of(["a", "b"], [new("b", "B", At), new("a", "A", At)]));
        Assert.Throws<ArgumentException>(() => PackedLookupResult.Of(["a"], [new("x", "X", At)]));
    }

    [Fact]
    public void An_answer_whose_parts_disagree_is_refused()
    {
        var packed = new PackedLookupResult([0, 1], PackedStrings.Pack(["only one"]), [1, 2]);

        Assert.Throws<ArgumentException>(() => packed.Unpack(["a", "b"]));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", true)]
    [InlineData("true", false)]
    public void Only_a_web_front_that_hosts_no_silo_packs_its_lookups(string? coHostSilo, bool packed)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [CoHostedSilo.SettingName] = coHostSilo })
            .Build();

        Assert.Equal(packed, LookupTransport.For(configuration).Packed);
    }
}
