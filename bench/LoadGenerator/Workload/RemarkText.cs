using System.Globalization;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>
/// Unique remarks of a realistic length, some of them not ASCII. Each run has its own tag, so a
/// run against a database an earlier run filled still changes every remark it sends (a remark
/// equal to the stored one is "unchanged": not applied, only remembered).
/// </summary>
public static class RemarkText
{
    private static readonly string[] Words = ["Bob", "同事 Li", "Mom", "gym <buddy>", "Dr. Müller", "Ana & Co", "老王", "Project X"];
    private static readonly string[] NonAsciiWords = ["张伟的同事", "老王 😀", "妈妈 ❤️", "李医生 👨‍⚕️", "健身房的朋友 💪", "项目组 🚀", "大学室友 陈", "楼下邻居 🏠"];
    private static readonly string RunTag = Random.Shared.Next(36 * 36 * 36).ToString("x3", CultureInfo.InvariantCulture);

    public static string Next(int worker, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Words[sequence % Words.Length]} #{RunTag}.{worker}.{sequence}");

    /// <summary>Chinese remarks, most with an emoji (the characters OpenIM deployments store most).</summary>
    public static string NextNonAscii(int worker, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{NonAsciiWords[sequence % NonAsciiWords.Length]} #{RunTag}.{worker}.{sequence}");
}
