namespace OrleansRemarks.Grains.Interfaces;

/// <param name="Outcome">What the change did.</param>
/// <param name="OwnerVersion">The owner's version after the call: the count of changes ever applied.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkChangeResult")]
public sealed record RemarkChangeResult(
    [property: Id(0)] RemarkChangeOutcome Outcome,
    [property: Id(1)] long OwnerVersion);
