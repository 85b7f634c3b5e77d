namespace OrleansRemarks.Silo.Schema;

/// <summary>A migration script failed; its transaction was rolled back and nothing of it was recorded.</summary>
public sealed class SchemaMigrationException(string message, Exception innerException)
    : Exception(message, innerException);
