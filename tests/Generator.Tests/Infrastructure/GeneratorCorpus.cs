namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>The WIT inputs the snapshot and compile tests run over.</summary>
public static class GeneratorCorpus
{
    /// <summary>The case names: each corpus file, and the wasi-http package directory.</summary>
    public static IEnumerable<object[]> Cases =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*.wit")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Append(WasiHttp)
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name });

    /// <summary>The name of the wasi-http directory case.</summary>
    public const string WasiHttp = "wasi-http-directory";

    /// <summary>The inputs of a case.</summary>
    public static IReadOnlyList<WitSource> Load(string name) => name == WasiHttp
        ? WitSource.Directory(Path.Combine(TestPaths.Wit, "wasi-http-0.2.12"), "/wit/wasi-http", new Dictionary<string, string> { ["WitWorld"] = "bindings" })
        : new[] { new WitSource($"/corpus/{name}.wit", File.ReadAllText(Path.Combine(TestPaths.Corpus, name + ".wit"))) };
}
