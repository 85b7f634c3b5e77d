using System.Globalization;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>Unique remarks of a realistic length, some of them not ASCII.</summary>
public static class RemarkText
{
    private static readonly string[] Words = ["Bob", "同事 Li", "Mom", "gym <buddy>", "Dr. Müller", "Ana & Co", "老王", "Project X"];

    public static string Next(int worker, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Words[sequence % Words.Length]} #{worker}.{sequence}");
}
