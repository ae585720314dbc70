using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="WitGenerator"/> through a <see cref="GeneratorDriver"/> on in-memory inputs.</summary>
public static class GeneratorHarness
{
    /// <summary>C# 12 with XML documentation diagnosed, as a project with GenerateDocumentationFile.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    /// <summary>The framework references plus the runtime and Wasmtime: with these the generator emits host bindings.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new(() =>
        References.Value.AddRange(new[]
        {
            MetadataReference.CreateFromFile(typeof(WitBindgen.Runtime.ComponentRuntime).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Wasmtime.Engine).Assembly.Location),
        }));

    /// <summary>A library compilation (types only: no runtime reference) with nullable enabled and every warning an error.</summary>
    public static CSharpCompilation Compilation(params string[] sources) => Compilation(withRuntime: false, sources);

    /// <summary>
    /// A library compilation with nullable enabled and every warning an error; with <paramref name="withRuntime"/>
    /// it references WitBindgen.Runtime and Wasmtime, as a project using host bindings does.
    /// </summary>
    public static CSharpCompilation Compilation(bool withRuntime, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, $"Source{i}.cs")),
            withRuntime ? RuntimeReferences.Value : References.Value,
            Options(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>
    /// Nullable enabled and every warning an error, except the two the .NET SDK always turns off (CS1701 and CS1702:
    /// an assembly built against an older framework, such as the net8.0 runtime, referencing a framework type such as
    /// <c>IBufferWriter&lt;T&gt;</c> whose assembly is a newer version here).
    /// </summary>
    private static CSharpCompilationOptions Options(OutputKind kind) =>
        new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress });

    /// <summary>The global usings a new SDK-style console project gets from <c>ImplicitUsings</c>.</summary>
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>
    /// A console application as a new project compiles it (top-level statements, nullable on, the SDK's implicit
    /// usings), referencing the runtime, Wasmtime and <paramref name="extra"/>, with every warning an error.
    /// </summary>
    public static CSharpCompilation ConsoleApplication(IEnumerable<MetadataReference> extra, params string[] sources) =>
        CSharpCompilation.Create(
            "App",
            sources.Append(ImplicitUsings).Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, $"Source{i}.cs")),
            RuntimeReferences.Value.AddRange(extra),
            Options(OutputKind.ConsoleApplication));

    /// <summary>A driver over <paramref name="sources"/>, tracking incremental steps.</summary>
    public static GeneratorDriver Driver(IEnumerable<WitSource> sources)
    {
        var list = sources.ToList();
        var texts = list.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text));
        var options = new TestOptionsProvider(list.Where(s => s.Metadata is not null).ToDictionary(s => s.Path, s => s.Metadata!));
        return Driver(texts, options);
    }

    /// <summary>A driver over given AdditionalFiles and options, tracking incremental steps.</summary>
    public static GeneratorDriver Driver(IEnumerable<AdditionalText> texts, TestOptionsProvider options) =>
        CSharpGeneratorDriver.Create(
            new[] { new WitGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over a fresh compilation (types only unless <paramref name="withRuntime"/>).</summary>
    public static GeneratorRunResult Run(IEnumerable<WitSource> sources, bool withRuntime = false)
    {
        var driver = Driver(sources).RunGenerators(Compilation(withRuntime, "class Placeholder { }"));
        return driver.GetRunResult().Results.Single();
    }

    /// <summary>Compiles the generated sources (and <paramref name="extra"/>) and returns the warnings and errors.</summary>
    public static List<Diagnostic> CompileProblems(GeneratorRunResult result, bool withRuntime, params string[] extra) =>
        Compilation(withRuntime, result.GeneratedSources.Select(s => s.SourceText.ToString()).Concat(extra).ToArray())
            .GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();

    /// <summary>The version in the generated <c>[GeneratedCode("WitBindgen", version)]</c> attributes, as the snapshots quote it.</summary>
    private static readonly string GeneratedCodeVersion = $"\"WitBindgen\", \"{GeneratedCode.Version}\"";

    /// <summary>The generated sources and diagnostics as one text, for snapshots.</summary>
    public static string Render(GeneratorRunResult result)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var d in result.Diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.GetMessage(), StringComparer.Ordinal))
        {
            var span = d.Location.GetLineSpan();
            var where = d.Location == Location.None ? "" : $" {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
            sb.Append("// ").Append(d.Severity).Append(' ').Append(d.Id).Append(where).Append(": ").Append(d.GetMessage()).Append('\n');
        }

        foreach (var source in result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            // The generator's version changes with every release, not with the generated code: snapshots show a
            // placeholder ([GeneratedCode]'s version has its own test).
            var text = source.SourceText.ToString().Replace(GeneratedCodeVersion, "\"WitBindgen\", \"<version>\"", StringComparison.Ordinal);
            sb.Append("//// ").Append(source.HintName).Append('\n').Append(text).Append('\n');
        }

        return sb.ToString();
    }
}
