using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WitBindgen.Generator;

namespace WitBindgen.Cli.Generate;

/// <summary>What to generate: the same choices a <c>&lt;Wit&gt;</c> item's metadata makes.</summary>
internal sealed record GenerateRequest(
    string Path,
    string World,
    string? Mode = null,
    string? Namespace = null,
    IReadOnlyList<string>? Features = null,
    string? StringEncoding = null,
    string? With = null,
    IReadOnlyList<string>? References = null);

/// <summary>The generated sources (hint name and text) and the diagnostics.</summary>
internal sealed record GenerateResult(IReadOnlyList<(string HintName, string Text)> Sources, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Runs the WitBindgen source generator (<see cref="WitGenerator"/>) in a <see cref="CSharpGeneratorDriver"/> over
/// a WIT file or package directory, as a build does: a directory's <c>.wit</c> files (all of them, below it) become
/// AdditionalFiles with <c>WitRoot</c> set, a file becomes one; the item metadata is passed as the analyzer-config
/// options MSBuild generates; the compilation references the framework and WitBindgen.Runtime, as a project with the
/// WitBindgen package does (so host bindings are generated), plus any <see cref="GenerateRequest.References"/>
/// (assemblies whose bindings the generator then reuses, e.g. WitBindgen.Wasi).
/// </summary>
internal static class GeneratorRun
{
    /// <summary>Runs the generator.</summary>
    /// <exception cref="IOException">The path does not exist or holds no .wit file.</exception>
    public static GenerateResult Run(GenerateRequest request)
    {
        var full = System.IO.Path.GetFullPath(request.Path);
        string? root = null;
        List<string> files;
        if (Directory.Exists(full))
        {
            root = full.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
            files = Directory.EnumerateFiles(full, "*.wit", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new IOException($"`{request.Path}` holds no .wit file");
            }
        }
        else if (File.Exists(full))
        {
            files = [full];
        }
        else
        {
            throw new FileNotFoundException($"`{request.Path}` does not exist");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                metadata[WitGenerator.MetadataPrefix + name] = value;
            }
        }

        Set("WitRoot", root);
        Set("WitWorld", request.World);
        Set("WitMode", request.Mode);
        Set("WitNamespace", request.Namespace);
        Set("WitFeatures", request.Features is { Count: > 0 } f ? string.Join(",", f) : null);
        Set("WitStringEncoding", request.StringEncoding);
        Set("WitWith", request.With?.Replace(';', ','));
        var values = metadata.ToImmutableDictionary(StringComparer.Ordinal);

        var texts = files.Select(f => (AdditionalText)new WitFileText(f)).ToImmutableArray();
        var options = new WitOptionsProvider(files.ToDictionary(f => f, _ => values, StringComparer.Ordinal));
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new WitGenerator().AsSourceGenerator()], texts, parseOptions, options);
        driver = driver.RunGenerators(Compilation(request.References ?? []));
        var run = driver.GetRunResult();
        var sources = run.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())).ToList();
        var diagnostics = run.Diagnostics.Concat(run.Results.SelectMany(r => r.Diagnostics)).Distinct().ToList();
        return new GenerateResult(sources, diagnostics);
    }

    private static CSharpCompilation Compilation(IReadOnlyList<string> references)
    {
        var framework = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => System.IO.Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"));
        var all = framework
            .Append(typeof(Runtime.ComponentRuntime).Assembly.Location)
            .Concat(references.Select(System.IO.Path.GetFullPath))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create(
            "WitBindgenGenerated",
            [],
            all,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
