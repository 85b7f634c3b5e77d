using System.Text.Json.Serialization;
using OrleansRemarks.Bench.LoadGenerator.Report;

namespace OrleansRemarks.Bench.LoadGenerator.Results;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SuiteResult))]
[JsonSerializable(typeof(LatestResult))]
[JsonSerializable(typeof(ColdResult))]
[JsonSerializable(typeof(MemoryResult))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
