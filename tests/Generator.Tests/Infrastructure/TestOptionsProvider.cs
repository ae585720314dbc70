using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>Analyzer config options carrying per-AdditionalFile item metadata, as MSBuild would.</summary>
public sealed class TestOptionsProvider(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> metadataByPath) : AnalyzerConfigOptionsProvider
{
    private static readonly Options Empty = new(new Dictionary<string, string>());

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => Empty;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        metadataByPath.TryGetValue(textFile.Path, out var metadata)
            ? new Options(metadata.ToDictionary(kv => WitGenerator.MetadataPrefix + kv.Key, kv => kv.Value))
            : Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
