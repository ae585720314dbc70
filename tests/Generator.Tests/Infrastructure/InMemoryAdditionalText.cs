using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    /// <inheritdoc />
    public override string Path { get; } = path;

    /// <inheritdoc />
    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
