using System.Net;

namespace OrleansRemarks.Tests.Http;

/// <summary>
/// A deployment whose database was created with the LATIN1 server encoding. PostgreSQL cannot hold
/// a Chinese user ID there and says so with SQLSTATE 22P05 (class 22, "data exception"): the same
/// value fails on every retry, so it is answered 400, never 503 "unavailable".
/// </summary>
public sealed class Latin1DatabaseTests(Latin1DatabaseTests.Latin1Fixture service) : IClassFixture<Latin1DatabaseTests.Latin1Fixture>
{
    [Fact]
    public async Task A_value_postgresql_refuses_is_a_400_on_callbacks()
    {
        var owner = RemarkApi.NewUser() + "张三";

        var response = await service.Callbacks.SetRemarkAsync(owner, "friend", "x", "op-latin1");

        response.AssertFailure(HttpStatusCode.BadRequest, 20008);
    }

    [Fact]
    public async Task A_value_postgresql_refuses_is_a_400_problem_on_the_query_api()
    {
        var owner = RemarkApi.NewUser() + "李四";

        using var response = await service.Client.GetAsync(RemarkApi.RemarkPath(owner, "friend"));

        using var problem = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Values_the_encoding_holds_still_work()
    {
        var owner = RemarkApi.NewUser() + "-café";

        (await service.Callbacks.SetRemarkAsync(owner, "friend", "Bob", "op-latin1-ok")).AssertSuccess();

        Assert.Equal("Bob", (await service.Remarks.GetAsync(owner, "friend"))?.Remark);
    }

    public sealed class Latin1Fixture : RemarksServiceFixture
    {
        protected override string? DatabaseEncoding => "LATIN1";
    }
}
