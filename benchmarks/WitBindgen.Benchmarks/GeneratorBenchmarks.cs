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
/// One full run of the source generator, as a build runs it: the wasi-http 0.2.12 package
/// directory (world file plus every <c>deps/</c> package) as AdditionalFiles with the metadata the
/// MSBuild targets set, generating the <c>bindings</c> world. The generator emits host bindings (typed calls,
/// lifting/lowering) only when the compilation references <c>WitBindgen.Runtime</c>; <see cref="WasiHttpBindings"/>
/// runs it without that reference (types only), <see cref="WasiHttpBindingsWithRuntime"/> with it, as a user's
/// project referencing the runtime builds.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private ImmutableArray<AdditionalText> _texts;
    private MetadataOptions _options = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _withRuntime = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wit", "wasi-http-0.2.12");
        _texts = Directory.EnumerateFiles(root, "*.wit", SearchOption.AllDirectories)
            .Select(path => (AdditionalText)new MemoryText(path, File.ReadAllText(path)))
            .ToImmutableArray();
        _options = new MetadataOptions(new Dictionary<string, string>
        {
            [WitGenerator.MetadataPrefix + "WitRoot"] = root.Replace('\\', '/'),
            [WitGenerator.MetadataPrefix + "WitWorld"] = "bindings",
        });
        _compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("class Placeholder { }")]);
        _withRuntime = _compilation.AddReferences(MetadataReference.CreateFromFile(typeof(WitBindgen.Runtime.ComponentRuntime).Assembly.Location));

        var typesOnly = Check(Run(_compilation), bindings: false);
        var bindings = Check(Run(_withRuntime), bindings: true);
        Console.WriteLine($"// generated: {typesOnly} chars without the runtime reference, {bindings} chars with it");
    }

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
