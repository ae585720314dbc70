using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace WitBindgen.Cli.Generate;

/// <summary>A <c>.wit</c> file as an AdditionalFile, read when the generator asks for it.</summary>
internal sealed class WitFileText(string path) : AdditionalText
{
    /// <inheritdoc />
    public override string Path { get; } = path;

    /// <inheritdoc />
    public override SourceText GetText(CancellationToken cancellationToken = default) =>
        SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
}

/// <summary>
/// The analyzer-config options MSBuild passes for <c>Wit</c> items (build/WitBindgen.props and .targets): each
/// AdditionalFile's <c>build_metadata.AdditionalFiles.Wit*</c> values.
/// </summary>
internal sealed class WitOptionsProvider(IReadOnlyDictionary<string, ImmutableDictionary<string, string>> metadata) : AnalyzerConfigOptionsProvider
{
    private static readonly MetadataOptions Empty = new(ImmutableDictionary<string, string>.Empty);

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => Empty;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        metadata.TryGetValue(textFile.Path, out var values) ? new MetadataOptions(values) : Empty;

    private sealed class MetadataOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
