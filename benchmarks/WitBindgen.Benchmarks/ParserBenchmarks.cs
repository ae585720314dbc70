using BenchmarkDotNet.Attributes;
using WitBindgen.WitParser;
using WitBindgen.WitParser.Output;

namespace WitBindgen.Benchmarks;

/// <summary>
/// Parse + resolve of the WASI 0.2.12 and wasi-http 0.2.12 packages (each a world file plus
/// deps/), read from memory so that disk speed is not measured.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private InMemoryWitFileSystem _fs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fs = new InMemoryWitFileSystem();
        var root = Path.Combine(AppContext.BaseDirectory, "wit");
        foreach (var file in Directory.EnumerateFiles(root, "*.wit", SearchOption.AllDirectories))
        {
            _fs.Add("wit/" + Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllText(file));
        }

        // Fail fast if the inputs do not resolve.
        Wasi().GetResolveOrThrow();
        Http().GetResolveOrThrow();
    }

    /// <summary>wasi-0.2.12: io, clocks, random, filesystem, sockets, cli.</summary>
    [Benchmark]
    public WitLoadResult Wasi() => Wit.Load("wit/wasi-0.2.12", new WitOptions { FileSystem = _fs });

    /// <summary>wasi-http-0.2.12: the above plus wasi:http.</summary>
    [Benchmark]
    public WitLoadResult Http() => Wit.Load("wit/wasi-http-0.2.12", new WitOptions { FileSystem = _fs });

    /// <summary>Both packages, as a bindings generator for a WASI + HTTP world loads them.</summary>
    [Benchmark(Baseline = true)]
    public int WasiAndHttp() => Wasi().Resolve!.Types.Count + Http().Resolve!.Types.Count;

    /// <summary>Serialising the http resolve to the reference JSON shape.</summary>
    [Benchmark]
    public string HttpToJson() => WitJson.Serialize(Http().Resolve!);
}
