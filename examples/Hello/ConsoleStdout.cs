using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;

namespace WitBindgen.Examples.Hello;

/// <summary>
/// Just enough WASI 0.2 for the preview1 adapter to write to stdout: the three stdio streams as
/// resources, <c>blocking-write-and-flush</c> on an output stream, no preopened directories.
/// (The full WASI host is a later stage; this shows how host imports are defined.)
/// </summary>
internal static class ConsoleStdout
{
    private const int Stdin = 0;
    private const int Stdout = 1;
    private const int Stderr = 2;

    public static void Define(HostImports imports, Stream stdout)
    {
        imports.DefineInstance("wasi:io/error@0.2.12").DefineResource("error", _ => { });

        var streams = imports.DefineInstance("wasi:io/streams@0.2.12");
        var input = streams.DefineResource("input-stream", _ => { });
        var output = streams.DefineResource("output-stream", _ => { });
        streams.DefineFunction("[method]output-stream.blocking-write-and-flush", arguments =>
        {
            var stream = (ResourceValue)arguments[0].AsHandle();
            var bytes = arguments[1].Items.Select(item => item.AsU8()).ToArray();
            if (stream.Rep == Stdout)
            {
                stdout.Write(bytes);
                stdout.Flush();
            }

            return [WitValue.Ok()];
        });

        imports.DefineInstance("wasi:cli/stdin@0.2.12").DefineFunction("get-stdin", _ => [Handle(input, Stdin)]);
        imports.DefineInstance("wasi:cli/stdout@0.2.12").DefineFunction("get-stdout", _ => [Handle(output, Stdout)]);
        imports.DefineInstance("wasi:cli/stderr@0.2.12").DefineFunction("get-stderr", _ => [Handle(output, Stderr)]);
        imports.DefineInstance("wasi:filesystem/preopens@0.2.12").DefineFunction("get-directories", _ => [WitValue.List()]);
        imports.DefineInstance("wasi:filesystem/types@0.2.12").DefineFunction("filesystem-error-code", _ => [WitValue.None]);
    }

    private static WitValue Handle(ResourceType type, int rep) => WitValue.Handle(new ResourceValue(type, rep));
}
