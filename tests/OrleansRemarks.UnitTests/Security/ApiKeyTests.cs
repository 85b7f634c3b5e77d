using System.Text;
using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.UnitTests.Security;

/// <summary>Which key a request carries (<see cref="ApiKeyCredentials"/>) and which configured key it is (<see cref="ApiKeySet"/>).</summary>
public sealed class ApiKeyTests
{
    private const string First = "first-key-0123456789";
    private const string Second = "second-key-0123456789";

    private static string Basic(string userAndPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword));

    [Fact]
    public void A_key_is_found_by_its_position_and_named_without_its_value()
    {
        var keys = new ApiKeySet([First, Second], "api-key-");

        Assert.True(keys.IsEnabled);
        Assert.Equal(0, keys.IndexOf(First));
        Assert.Equal(1, keys.IndexOf(Second));
        Assert.Equal(-1, keys.IndexOf(First + "x"));
        Assert.Equal(-1, keys.IndexOf(First.ToUpperInvariant()));
        Assert.Equal(-1, keys.IndexOf(""));
        Assert.Equal("api-key-1", keys.ClientId(1));
    }

    [Fact]
    public void Without_keys_the_set_is_off_and_matches_nothing()
    {
        var keys = new ApiKeySet([], "api-key-");

        Assert.False(keys.IsEnabled);
        Assert.Equal(-1, keys.IndexOf(First));
    }

    [Fact]
    public void Operators_use_the_dashboard_keys_else_the_api_keys()
    {
        var api = Options.Create(new ApiAccessOptions { Keys = [First] });

        var fallback = ApiKeySet.ForOperators(Options.Create(new DashboardAccessOptions()), api);
        Assert.Equal(0, fallback.IndexOf(First));
        Assert.Equal("api-key-0", fallback.ClientId(0));

        var own = ApiKeySet.ForOperators(Options.Create(new DashboardAccessOptions { Keys = [Second] }), api);
        Assert.Equal(-1, own.IndexOf(First));
        Assert.Equal(0, own.IndexOf(Second));
        Assert.Equal("dashboard-key-0", own.ClientId(0));
    }

    [Theory]
    [InlineData("Bearer " + First, First)]
    [InlineData("bearer  " + First + " ", First)]
    [InlineData("BEARER " + First, First)]
    public void A_bearer_key_is_read_with_any_case_of_the_scheme(string header, string expected)
    {
        Assert.True(ApiKeyCredentials.TryRead(header, acceptBasic: false, out var key));
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData(First)]
    [InlineData("Token " + First)]
    public void A_header_without_a_bearer_key_carries_none(string header) =>
        Assert.False(ApiKeyCredentials.TryRead(header, acceptBasic: true, out _));

    [Fact]
    public void Basic_is_read_only_where_accepted_and_the_password_is_the_key()
    {
        Assert.False(ApiKeyCredentials.TryRead(Basic("operator:" + First), acceptBasic: false, out _));

        Assert.True(ApiKeyCredentials.TryRead(Basic("operator:" + First), acceptBasic: true, out var key));
        Assert.Equal(First, key);
        Assert.True(ApiKeyCredentials.TryRead(Basic(":a:b"), acceptBasic: true, out key));
        Assert.Equal("a:b", key);
    }

    [Theory]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic ")]
    public void Basic_without_a_password_or_in_bad_base64_carries_no_key(string header) =>
        Assert.False(ApiKeyCredentials.TryRead(header, acceptBasic: true, out _));

    [Fact]
    public void Basic_without_a_colon_or_with_an_empty_password_carries_no_key()
    {
        Assert.False(ApiKeyCredentials.TryRead(Basic(First), acceptBasic: true, out _));
        Assert.False(ApiKeyCredentials.TryRead(Basic("operator:"), acceptBasic: true, out _));
    }
}
