using OrleansRemarks.Grains.Storage.Batching;

namespace OrleansRemarks.UnitTests.Storage;

public sealed class WriteQueryTextTests
{
    [Fact]
    public void Named_parameters_become_positional_in_the_batchers_order()
    {
        var positional = WriteQueryText.ToPositional(
            "SELECT @ServiceId, @GrainIdExtensionString WHERE v = @GrainStateVersion AND p = @PayloadBinary AND x = @ServiceId AND s = @GrainTypeString");

        Assert.Equal("SELECT $3, $2 WHERE v = $4 AND p = $5 AND x = $3 AND s = $1", positional);
    }

    [Theory]
    [InlineData("SELECT @Unknown")]
    [InlineData("SELECT @GrainIdN0")] // a provider parameter the batcher does not send
    public void A_parameter_the_batcher_does_not_send_is_refused(string query)
    {
        Assert.Throws<InvalidOperationException>(() => WriteQueryText.ToPositional(query));
    }
}
