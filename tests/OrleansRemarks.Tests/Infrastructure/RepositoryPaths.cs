using System.Reflection;

namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>Where the built projects of this repository are, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "OrleansRemarks.sln";

    public static string Root { get; } = FindRoot();

    /// <summary>"Debug" or "Release": the configuration the tests (and so the referenced projects) were built in.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built DLL of a project (e.g. "WebFront", "OrleansRemarks.WebFront"); throws if it was not built.</summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build the solution ({Configuration}) first.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
