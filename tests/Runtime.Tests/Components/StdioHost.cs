using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// The smallest real WASI 0.2 host that the wasi_snapshot_preview1 adapter needs for fd_write on
/// stdout: <c>wasi:cli/stdin|stdout|stderr</c> hand out stream resources, <c>wasi:io/streams</c>
/// implements <c>[method]output-stream.blocking-write-and-flush</c> (the only write the adapter
/// uses for stdio), <c>wasi:filesystem/preopens</c> has no directories, and
/// <c>wasi:filesystem/types</c>' <c>filesystem-error-code</c> says "not a filesystem error".
/// Every call and resource drop is logged; everything else is left to
/// <see cref="HostImports.DefineUnknownAsTraps"/>.
/// </summary>
internal sealed class StdioHost
{
    public const int StdinRep = 10;
    public const int StdoutRep = 11;
    public const int StderrRep = 12;

    public StdioHost()
    {
        var errors = Imports.DefineInstance("wasi:io/error@0.2.12");
        ErrorType = errors.DefineResource("error", rep => Log.Add($"drop error {rep}"));

        var streams = Imports.DefineInstance("wasi:io/streams@0.2.12");
        var input = streams.DefineResource("input-stream", rep => Log.Add($"drop input-stream {rep}"));
        var output = streams.DefineResource("output-stream", rep => Log.Add($"drop output-stream {rep}"));
        streams.DefineFunction("[method]output-stream.blocking-write-and-flush", args =>
        {
            var stream = (ResourceValue)args[0].AsHandle();
            var bytes = args[1].Items.Select(b => b.AsU8()).ToArray();
            Log.Add($"blocking-write-and-flush {stream.Rep} {bytes.Length}");
            if (WriteError is { } error)
            {
                return [error()];
            }

            (stream.Rep == StderrRep ? Stderr : Stdout).AddRange(bytes);
            return [WitValue.Ok()];
        });

        Imports.DefineInstance("wasi:cli/stdin@0.2.12").DefineFunction("get-stdin", Get("get-stdin", input, StdinRep));
        Imports.DefineInstance("wasi:cli/stdout@0.2.12").DefineFunction("get-stdout", Get("get-stdout", output, StdoutRep));
        Imports.DefineInstance("wasi:cli/stderr@0.2.12").DefineFunction("get-stderr", Get("get-stderr", output, StderrRep));
        Imports.DefineInstance("wasi:filesystem/preopens@0.2.12").DefineFunction("get-directories", _ =>
        {
            Log.Add("get-directories");
            return [WitValue.List()];
        });
        Imports.DefineInstance("wasi:filesystem/types@0.2.12").DefineFunction("filesystem-error-code", args =>
        {
            Log.Add($"filesystem-error-code {((ResourceValue)args[0].AsHandle()).Rep}");
            return [WitValue.None];
        });
    }

    public HostImports Imports { get; } = new();

    /// <summary>The resource type of <c>wasi:io/error</c>'s <c>error</c>.</summary>
    public State.ResourceType ErrorType { get; }

    /// <summary>When set, blocking-write-and-flush returns this result instead of writing.</summary>
    public Func<WitValue>? WriteError { get; set; }

    public List<string> Log { get; } = [];

    public List<byte> Stdout { get; } = [];

    public List<byte> Stderr { get; } = [];

    public string StdoutText => Encoding.UTF8.GetString(Stdout.ToArray());

    private HostFunction Get(string name, State.ResourceType type, int rep) => _ =>
    {
        Log.Add(name);
        return [WitValue.Handle(new ResourceValue(type, rep))];
    };
}
