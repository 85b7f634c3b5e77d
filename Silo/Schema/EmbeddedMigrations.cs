using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace OrleansRemarks.Silo.Schema;

/// <summary>The migrations compiled into this assembly from Schema/Migrations/NNNN_name.sql, in version order.</summary>
public static partial class EmbeddedMigrations
{
    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Loaded = new(Load);

    public static IReadOnlyList<SchemaMigration> All => Loaded.Value;

    private static IReadOnlyList<SchemaMigration> Load()
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var match = MigrationResourceName().Match(resourceName);
            if (match.Success)
            {
                migrations.Add(new SchemaMigration(
                    int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                    match.Groups["name"].Value,
                    ReadResource(assembly, resourceName)));
            }
        }

        migrations.Sort((left, right) => left.Version.CompareTo(right.Version));
        var duplicate = migrations.GroupBy(migration => migration.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two embedded migrations share version {duplicate.Key}: {string.Join(", ", duplicate)}.");
        }

        return migrations;
    }

    private static string ReadResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration {resourceName} cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationResourceName();
}
