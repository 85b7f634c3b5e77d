using OrleansRemarks.Grains.Storage.Batching;

namespace OrleansRemarks.Tests.Grains;

public sealed class WriteQueryTextTests
{
    [Fact]
    public void Named_parameters_become_positional_in_the_providers_order()
    {
        var positional = WriteQueryText.ToPositional(
            "SELECT @ServiceId, @GrainIdN1 WHERE v = @GrainStateVersion AND p = @PayloadBinary AND x = @ServiceId");

        Assert.Equal("SELECT $7, $3 WHERE v = $8 AND p = $9 AND x = $7", positional);
    }

    [Fact]
    public void A_parameter_the_provider_does_not_pass_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => WriteQueryText.ToPositional("SELECT @Unknown"));
    }
}
