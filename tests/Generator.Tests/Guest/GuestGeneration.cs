using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WitBindgen.Generator.Tests.Infrastructure;

namespace WitBindgen.Generator.Tests.Guest;

/// <summary>Runs the generator in guest mode (<c>Mode="Guest"</c>) and compiles what it writes.</summary>
public static class GuestGeneration
{
    /// <summary>The harness world's WIT file.</summary>
    public static string HarnessWit => Path.Combine(AppContext.BaseDirectory, "Guest", "guest-harness.wit");

    /// <summary>The name of the harness case (next to the corpus cases).</summary>
    public const string Harness = "guest-harness";

    /// <summary>The inputs of a case in guest mode: a corpus case or the harness world, with Mode and StringEncoding metadata.</summary>
    public static IReadOnlyList<WitSource> Load(string name, string? encoding = null)
    {
        var sources = name == Harness
            ? new[] { new WitSource("/guest/guest-harness.wit", File.ReadAllText(HarnessWit)) }
            : GeneratorCorpus.Load(name);
        return sources.Select(s =>
        {
            var metadata = new Dictionary<string, string>(s.Metadata ?? new Dictionary<string, string>()) { ["WitMode"] = "Guest" };
            if (encoding is not null)
            {
                metadata["WitStringEncoding"] = encoding;
            }

            return s with { Metadata = metadata };
        }).ToList();
    }

    /// <summary>Runs the generator in guest mode over a case.</summary>
    public static GeneratorRunResult Run(string name, string? encoding = null) => GeneratorHarness.Run(Load(name, encoding));

    /// <summary>
    /// An implementation of every export the generated sources declare (a partial method without body): each throws,
    /// or calls <paramref name="body"/>'s expression for the method when given.
    /// </summary>
    public static string Implementations(GeneratorRunResult result, Func<MethodDeclarationSyntax, string>? body = null)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var tree in result.GeneratedSources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText)))
        {
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Modifiers.Any(SyntaxKind.PartialKeyword) && m.Body is null && m.ExpressionBody is null))
            {
                var type = (ClassDeclarationSyntax)method.Parent!;
                var ns = type.Ancestors().OfType<NamespaceDeclarationSyntax>().First().Name.ToString();
                var expression = body?.Invoke(method) ?? "throw new global::System.NotImplementedException()";
                sb.Append($"namespace {ns} {{ public static partial class {type.Identifier.Text} {{ public static partial {method.ReturnType} {method.Identifier.Text}{method.ParameterList} => {expression}; }} }}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>A library compilation of the generated sources and <paramref name="extra"/>: nullable on, every warning an error.</summary>
    public static CSharpCompilation Compile(GeneratorRunResult result, bool native, bool unsafeCode, params string[] extra)
    {
        // The harness's own sources (unsafe, undocumented) are not what is checked: documentation is diagnosed only for a wasm-style build.
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(unsafeCode ? DocumentationMode.Parse : DocumentationMode.Diagnose).WithPreprocessorSymbols(native ? ImmutableArray.Create("WITBINDGEN_GUEST_NATIVE") : ImmutableArray<string>.Empty);
        var sources = result.GeneratedSources.Select(s => s.SourceText.ToString()).Concat(extra);
        return CSharpCompilation.Create(
            "Guest" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, $"Source{i}.cs")),
            GeneratorHarness.Compilation().References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999, allowUnsafe: unsafeCode));
    }
}
