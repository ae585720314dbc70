using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using WitBindgen.Generator;

namespace WitBindgen.Benchmarks;

/// <summary>
/// One full run of the source generator, as a build runs it: the repository's <c>wit/</c> folder (the root
/// package plus every WASI and wasi-http package in <c>deps/</c>) as AdditionalFiles with the metadata the
/// MSBuild targets set, generating wasi-http's <c>proxy</c> world. The generator emits host bindings (typed calls,
/// lifting/lowering) only when the compilation references <c>WitBindgen.Runtime</c>; <see cref="WasiHttpBindings"/>
/// runs it without that reference (types only), <see cref="WasiHttpBindingsWithRuntime"/> with it, as a user's
/// project referencing the runtime builds. <see cref="IncrementalNoOpWithRuntime"/> is the run an IDE or an
/// incremental build does on most keystrokes: a driver that has already generated those bindings re-runs after
/// an edit to an unrelated C# file.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private ImmutableArray<AdditionalText> _texts;
    private MetadataOptions _options = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _withRuntime = null!;
    private GeneratorDriver _warm = null!;
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wit");
        _texts = Directory.EnumerateFiles(root, "*.wit", SearchOption.AllDirectories)
            .Select(path => (AdditionalText)new MemoryText(path, File.ReadAllText(path)))
            .ToImmutableArray();
        _options = new MetadataOptions(new Dictionary<string, string>
        {
            [WitGenerator.MetadataPrefix + "WitRoot"] = root.Replace('\\', '/'),
            [WitGenerator.MetadataPrefix + "WitWorld"] = "wasi:http/proxy@0.2.12",
        });
        _compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("class Placeholder { }")]);
        _withRuntime = _compilation.AddReferences(MetadataReference.CreateFromFile(typeof(WitBindgen.Runtime.ComponentRuntime).Assembly.Location));

        var typesOnly = Check(Run(_compilation), bindings: false);
        var bindings = Check(Run(_withRuntime), bindings: true);
        Console.WriteLine($"// generated: {typesOnly} chars without the runtime reference, {bindings} chars with it");

        // The incremental row's driver: it has run once over the compilation with the runtime (and so has every
        // step's output cached). Check, on a tracking copy, that an unrelated edit really leaves the WIT steps cached.
        _warm = CreateDriver(track: false).RunGenerators(_withRuntime);
        var tracked = CreateDriver(track: true).RunGenerators(_withRuntime).RunGenerators(Edit(_withRuntime, 0));
        var steps = tracked.GetRunResult().Results[0].TrackedSteps;
        foreach (var name in new[] { TrackingNames.Runtime, TrackingNames.Specs, TrackingNames.AllSpecs, TrackingNames.Outputs })
        {
            var outputs = steps.Where(s => s.Key == name).SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
            if (outputs.Count == 0 || outputs.Any(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)))
            {
                throw new InvalidOperationException($"step {name} was not cached after an unrelated edit: " + string.Join(", ", outputs.Select(o => o.Reason)));
            }
        }
    }

    /// <summary>The compilation with its one C# tree replaced by a copy whose leading comment differs.</summary>
    private static CSharpCompilation Edit(CSharpCompilation compilation, int n)
    {
        var tree = compilation.SyntaxTrees[0];
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From($"// unrelated edit {n}\nclass Placeholder {{ }}")));
    }

    private GeneratorDriver CreateDriver(bool track) =>
        CSharpGeneratorDriver.Create(
            [new WitGenerator().AsSourceGenerator()],
            _texts,
            optionsProvider: _options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private static int Check(GeneratorRunResult result, bool bindings)
    {
        if (result.Diagnostics.Length > 0 || result.GeneratedSources.Length == 0)
        {
            throw new InvalidOperationException("the generator did not produce clean output: " + string.Join("; ", result.Diagnostics));
        }

        var text = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        if (text.Contains("BindRawFunction", StringComparison.Ordinal) != bindings)
        {
            throw new InvalidOperationException(bindings ? "no host bindings were generated" : "host bindings were generated without the runtime reference");
        }

        return text.Length;
    }

    /// <summary>A cold run: new driver, parse, resolve, build specs, emit every source (types only: no runtime reference).</summary>
    [Benchmark(Baseline = true)]
    public int WasiHttpBindings() => Run(_compilation).GeneratedSources.Length;

    /// <summary>A cold run with <c>WitBindgen.Runtime</c> referenced: types plus host bindings.</summary>
    [Benchmark]
    public int WasiHttpBindingsWithRuntime() => Run(_withRuntime).GeneratedSources.Length;

    /// <summary>
    /// An incremental no-op with <c>WitBindgen.Runtime</c> referenced: the warm driver re-runs after a comment edit
    /// in the compilation's C# tree (the edit — a new tree and compilation — is part of the row). The WIT inputs
    /// and options are unchanged, so every step up to the emitted sources is served from the driver's cache.
    /// </summary>
    [Benchmark]
    public int IncrementalNoOpWithRuntime()
    {
        _warm = _warm.RunGenerators(Edit(_withRuntime, ++_edits));
        return _edits;
    }

    private GeneratorRunResult Run(CSharpCompilation compilation) =>
        CSharpGeneratorDriver.Create([new WitGenerator().AsSourceGenerator()], _texts, optionsProvider: _options)
            .RunGenerators(compilation)
            .GetRunResult()
            .Results[0];

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class MetadataOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _file = new(values);
        private readonly Options _empty = new([]);

        public override AnalyzerConfigOptions GlobalOptions => _empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _file;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
