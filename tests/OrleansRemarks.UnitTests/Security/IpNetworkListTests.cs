using System.Net;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.UnitTests.Security;

public sealed class IpNetworkListTests
{
    [Fact]
    public void Addresses_and_networks_may_share_one_entry_and_empty_entries_are_ignored()
    {
        var list = IpNetworkList.Parse(["10.0.0.0/8, 192.168.1.5;fd00::/8", "", null, "  "], out var invalid);

        Assert.Empty(invalid);
        Assert.Equal(3, list.Networks.Count);
        Assert.False(list.IsEmpty);
    }

    [Theory]
    [InlineData("10.0.0.1/8")] // host bits set: trusts more than it names
    [InlineData("10.0.0.0/33")]
    [InlineData("example.com")]
    [InlineData("/8")]
    public void Entries_that_are_not_exact_networks_are_reported(string entry)
    {
        var list = IpNetworkList.Parse(["127.0.0.1", entry], out var invalid);

        Assert.Equal([entry], invalid);
        Assert.Single(list.Networks);
    }

    [Theory]
    [InlineData("10.255.0.1", true)]
    [InlineData("::ffff:10.1.2.3", true)] // IPv4-mapped: counts as IPv4
    [InlineData("11.0.0.1", false)]
    [InlineData("192.168.1.5", true)]
    [InlineData("192.168.1.6", false)]
    [InlineData("fd12::1", true)]
    [InlineData("fe80::1", false)]
    public void Contains_matches_networks_and_single_addresses(string address, bool expected)
    {
        var list = IpNetworkList.Parse(["10.0.0.0/8 192.168.1.5 fd00::/8"], out _);

        Assert.Equal(expected, list.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void No_address_and_an_empty_list_match_nothing()
    {
        var empty = IpNetworkList.Parse([], out _);

        Assert.True(empty.IsEmpty);
        Assert.False(empty.Contains(IPAddress.Loopback));
        Assert.False(IpNetworkList.Parse(["0.0.0.0/0"], out _).Contains(null));
    }
}
