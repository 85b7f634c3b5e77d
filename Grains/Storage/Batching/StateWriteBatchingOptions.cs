namespace OrleansRemarks.Grains.Storage.Batching;

/// <summary>How state updates of different grains are grouped into PostgreSQL round trips.</summary>
public sealed class StateWriteBatchingOptions
{
    /// <summary>The configuration section a silo binds these options from.</summary>
    public const string SectionName = "Orleans:WriteBatching";

    /// <summary>False sends every write on its own through the ADO.NET provider (as before batching existed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many updates go into one batch (one round trip, one transaction).</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How many batches may be in flight at once, each on its own connection.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>How long one batch may run in PostgreSQL before it is cancelled and fails (seconds).</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;
}
