namespace OrleansRemarks.Silo.Schema;

/// <summary>One versioned SQL script of the schema, applied at most once per database.</summary>
/// <param name="Version">Its order among the migrations; the history table's key.</param>
/// <param name="Name">What it does, from its file name (e.g. "clustering_tables").</param>
/// <param name="Sql">The script, run in one transaction.</param>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    public override string ToString() => $"{Version:D4}_{Name}";
}
