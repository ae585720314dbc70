using BenchmarkDotNet.Attributes;
using WitBindgen.WitParser;
using WitBindgen.WitParser.Output;

namespace WitBindgen.Benchmarks;

/// <summary>
/// Parse + resolve of the WASI 0.2.12 and wasi-http 0.2.12 packages: the repository's <c>wit/</c> folder (the root
/// package <c>witbindgen:wasi</c> plus <c>deps/</c>), read from memory so that disk speed is not measured.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private InMemoryWitFileSystem _wasi = null!;
    private InMemoryWitFileSystem _all = null!;

    [GlobalSetup]
    public void Setup()
    {
        _wasi = new InMemoryWitFileSystem();
        _all = new InMemoryWitFileSystem();
        var root = Path.Combine(AppContext.BaseDirectory, "wit");
        foreach (var file in Directory.EnumerateFiles(root, "*.wit", SearchOption.AllDirectories))
        {
            var path = "wit/" + Path.GetRelativePath(root, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            _all.Add(path, text);
            if (path != "wit/deps/http.wit")
            {
                _wasi.Add(path, text);
            }
        }

        // Fail fast if the inputs do not resolve.
        Wasi().GetResolveOrThrow();
        Http().GetResolveOrThrow();
    }

    /// <summary>The root package and io, clocks, random, filesystem, sockets, cli (<c>wit/</c> without <c>deps/http.wit</c>).</summary>
    [Benchmark]
    public WitLoadResult Wasi() => Wit.Load("wit", new WitOptions { FileSystem = _wasi });

    /// <summary>The whole <c>wit/</c> folder: the above plus wasi:http.</summary>
    [Benchmark]
    public WitLoadResult Http() => Wit.Load("wit", new WitOptions { FileSystem = _all });

    /// <summary>Both loads, as a build with a WASI host and a wasi-http world runs them.</summary>
    [Benchmark(Baseline = true)]
    public int WasiAndHttp() => Wasi().Resolve!.Types.Count + Http().Resolve!.Types.Count;

    /// <summary>Serialising the http resolve to the reference JSON shape.</summary>
    [Benchmark]
    public string HttpToJson() => WitJson.Serialize(Http().Resolve!);
}
