namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>The WIT inputs the snapshot and compile tests run over.</summary>
public static class GeneratorCorpus
{
    /// <summary>The prefix of the corpus files written for host bindings (snapshotted with the runtime referenced).</summary>
    public const string BindingsPrefix = "bindings-";

    /// <summary>The types-only case names: each corpus file but the bindings ones, and the wasi-http package directory.</summary>
    public static IEnumerable<object[]> Cases =>
        Files()
            .Where(name => !name.StartsWith(BindingsPrefix, StringComparison.Ordinal))
            .Append(WasiHttp)
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name });

    /// <summary>The bindings case names: the <c>bindings-*</c> corpus files.</summary>
    public static IEnumerable<object[]> BindingsCases =>
        Files()
            .Where(name => name.StartsWith(BindingsPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name });

    /// <summary>Every case name (types-only and bindings), for compiling with the runtime referenced.</summary>
    public static IEnumerable<object[]> AllCases => Cases.Concat(BindingsCases);

    /// <summary>The texts of the types-only corpus files (the fuzz tests' seeds).</summary>
    public static List<string> TypeTexts() =>
        Files().Where(name => !name.StartsWith(BindingsPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(Text).ToList();

    /// <summary>The texts of every corpus file, bindings ones included.</summary>
    public static List<string> AllTexts() => Files().Order(StringComparer.Ordinal).Select(Text).ToList();

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*.wit").Select(f => Path.GetFileNameWithoutExtension(f));

    private static string Text(string name) => File.ReadAllText(Path.Combine(TestPaths.Corpus, name + ".wit"));

    /// <summary>The name of the wasi-http directory case: the repository's <c>wit/</c> folder with wasi-http's <c>proxy</c> world.</summary>
    public const string WasiHttp = "wasi-http-directory";

    /// <summary>The inputs of a case.</summary>
    public static IReadOnlyList<WitSource> Load(string name) => name == WasiHttp
        ? WitSource.Directory(TestPaths.Wit, "/wit", new Dictionary<string, string> { ["WitWorld"] = "wasi:http/proxy@0.2.12" })
        : new[] { new WitSource($"/corpus/{name}.wit", Text(name)) };
}
