using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace WitBindgen.Generator.Tests.Guest;

/// <summary>
/// The SDK's trimming and AOT analyzers (ILLink.RoslynAnalyzer, the ones <c>IsAotCompatible</c> turns on), as the
/// Guest.Consumer project's build resolved them (it lists them in <c>aot-analyzers.txt</c>, copied next to the
/// tests), run over a compilation with the MSBuild switches that enable them.
/// </summary>
public static class AotAnalyzers
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Loaded = new(Load);

    /// <summary>The analyzers (throws when none could be loaded).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All => Loaded.Value;

    private static ImmutableArray<DiagnosticAnalyzer> Load()
    {
        var list = Path.Combine(AppContext.BaseDirectory, "aot-analyzers.txt");
        var paths = File.ReadAllLines(list).Where(l => l.Trim().Length > 0).ToList();
        if (paths.Count == 0)
        {
            throw new InvalidOperationException("Guest.Consumer's build resolved no ILLink analyzer (" + list + ")");
        }

        var failures = new List<string>();
        var analyzers = new List<DiagnosticAnalyzer>();
        foreach (var path in paths)
        {
            var reference = new AnalyzerFileReference(path.Trim(), new Loader());
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{path}: {e.ErrorCode} {e.Message} {e.Exception?.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        if (failures.Count > 0 || analyzers.Count == 0)
        {
            throw new InvalidOperationException("the ILLink analyzers did not load:\n" + string.Join("\n", failures));
        }

        return analyzers.ToImmutableArray();
    }

    /// <summary>The analyzers' warnings and errors over <paramref name="compilation"/>, with trimming, AOT and single-file analysis on.</summary>
    public static IReadOnlyList<Diagnostic> Run(Compilation compilation)
    {
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new SwitchOptions(new Dictionary<string, string>
        {
            ["build_property.EnableTrimAnalyzer"] = "true",
            ["build_property.EnableAotAnalyzer"] = "true",
            ["build_property.EnableSingleFileAnalyzer"] = "true",
            ["build_property.IsAotCompatible"] = "true",
            ["build_property.TargetFramework"] = "net10.0",
        }));
        var diagnostics = compilation.WithAnalyzers(All, options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    private sealed class SwitchOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
