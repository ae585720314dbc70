using WitBindgen.Composition;
using WitBindgen.Runtime;

namespace WitBindgen.Cli.Compose;

/// <summary>
/// <c>witbindgen compose &lt;file.wac&gt; --deps &lt;dir&gt; -o &lt;out.wasm&gt;</c>: resolves a WAC composition against a
/// folder of component binaries and writes it as one component binary (<see cref="CompositionEncoder"/>). Errors in
/// the file are printed like WIT diagnostics (message, location, source line); any error exits with 1.
/// </summary>
internal static class ComposeCommand
{
    public const string Usage =
        "usage: witbindgen compose <file.wac> [--deps <dir>] -o <out.wasm>\n" +
        "  Resolves a WAC composition against a folder of component binaries (default: deps/ next to the file;\n" +
        "  ns:name is DIR/ns/name.wasm) and writes it as one component binary.";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? path = null, deps = null, output = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--deps" when i + 1 < args.Length:
                    deps = args[++i];
                    break;
                case "-o" or "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    if (path is null && !args[i].StartsWith('-'))
                    {
                        path = args[i];
                        break;
                    }

                    stderr.WriteLine($"error: unexpected argument `{args[i]}`\n{Usage}");
                    return 2;
            }
        }

        if (path is null || output is null)
        {
            stderr.WriteLine($"error: missing {(path is null ? "<file.wac>" : "-o <out.wasm>")}\n{Usage}");
            return 2;
        }

        deps ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "deps");
        var result = WacComposition.Load(path, deps);
        if (!result.Success)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                stderr.WriteLine(diagnostic.Rendered);
            }

            return 1;
        }

        var plan = result.Plan!;
        byte[] bytes;
        try
        {
            bytes = CompositionEncoder.Encode(plan);
        }
        catch (CompositionEncodingException e)
        {
            stderr.WriteLine(e.Location is { } location ? $"{e.Message}\n     --> {location}" : e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ComponentFormatException)
        {
            stderr.WriteLine($"error: cannot read a package: {e.Message}");
            return 1;
        }

        try
        {
            File.WriteAllBytes(output, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write `{output}`: {e.Message}");
            return 1;
        }

        stdout.WriteLine(
            $"wrote {output} ({bytes.Length} bytes): {Count(plan.Instances.Length, "instance")}, " +
            $"{Count(plan.Imports.Length, "import")}, {Count(plan.Exports.Length, "export")}");
        return 0;
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
