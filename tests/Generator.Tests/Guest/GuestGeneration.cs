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

    /// <summary>The name of the resources harness case: resources the host implements and resources the component implements.</summary>
    public const string Resources = "guest-resources";

    /// <summary>The harness worlds (in <c>Guest/</c>, next to the corpus cases).</summary>
    public static IReadOnlyList<string> HarnessWorlds { get; } = new[] { Harness, Resources };

    /// <summary>
    /// Every world of the WASI and wasi-http packages the repository carries (<c>wit/</c>) but wasi-http's
    /// <c>proxy</c>, which is the corpus case <see cref="GeneratorCorpus.WasiHttp"/>: case name to world.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WasiWorlds { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["wasi-cli-command"] = "wasi:cli/command@0.2.12",
        ["wasi-cli-imports"] = "wasi:cli/imports@0.2.12",
        ["wasi-clocks-imports"] = "wasi:clocks/imports@0.2.12",
        ["wasi-filesystem-imports"] = "wasi:filesystem/imports@0.2.12",
        ["wasi-http-imports"] = "wasi:http/imports@0.2.12",
        ["wasi-io-imports"] = "wasi:io/imports@0.2.12",
        ["wasi-random-imports"] = "wasi:random/imports@0.2.12",
        ["wasi-sockets-imports"] = "wasi:sockets/imports@0.2.12",
        ["witbindgen-wasi-bindings"] = "witbindgen:wasi/bindings",
    };

    /// <summary>The inputs of a case in guest mode: a corpus case or the harness world, with Mode and StringEncoding metadata.</summary>
    public static IReadOnlyList<WitSource> Load(string name, string? encoding = null)
    {
        var sources = HarnessWorlds.Contains(name)
            ? new[] { new WitSource($"/guest/{name}.wit", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Guest", name + ".wit"))) }
            : WasiWorlds.TryGetValue(name, out var world)
                ? WitSource.Directory(TestPaths.Wit, "/wit", new Dictionary<string, string> { ["WitWorld"] = world })
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
    /// An implementation of every export the generated sources declare (a public partial method without body, static
    /// or of a resource class): each throws, or calls <paramref name="body"/>'s expression for the method when given.
    /// </summary>
    public static string Implementations(GeneratorRunResult result, Func<MethodDeclarationSyntax, string>? body = null)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var tree in result.GeneratedSources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText)))
        {
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Modifiers.Any(SyntaxKind.PartialKeyword) && m.Modifiers.Any(SyntaxKind.PublicKeyword) && m.Body is null && m.ExpressionBody is null))
            {
                var type = (ClassDeclarationSyntax)method.Parent!;
                var ns = type.Ancestors().OfType<NamespaceDeclarationSyntax>().First().Name.ToString();
                var expression = body?.Invoke(method) ?? "throw new global::System.NotImplementedException()";
                sb.Append($"namespace {ns} {{ {type.Modifiers} class {type.Identifier.Text} {{ {method.Modifiers} {method.ReturnType} {method.Identifier.Text}{method.ParameterList} => {expression}; }} }}\n");
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
