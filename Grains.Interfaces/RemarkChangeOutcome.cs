namespace OrleansRemarks.Grains.Interfaces;

[GenerateSerializer, Alias("OrleansRemarks.RemarkChangeOutcome")]
public enum RemarkChangeOutcome
{
    /// <summary>The change was written to storage and the owner's version grew by one.</summary>
    Applied = 0,

    /// <summary>The change equals the current state; nothing was written.</summary>
    Unchanged = 1,

    /// <summary>A replay of one of the last changes applied to this pair; nothing was written.</summary>
    Duplicate = 2,
}
