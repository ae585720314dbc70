using System.CommandLine;
using WitBindgen.Cli.Commands;
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

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("file.wac") { Description = "The WAC composition." };
        var deps = new System.CommandLine.Option<string>("--deps") { Description = "The folder of component binaries (ns:name is DIR/ns/name.wasm; default: deps/ next to the file)." };
        var output = new System.CommandLine.Option<string>("--output", "-o") { Description = "The component binary to write.", Required = true };
        var command = new Command("compose", "Compose components from a WAC file into one component binary.") { path, deps, output };
        command.SetAction(result => Run(result.GetValue(path)!, result.GetValue(deps), result.GetValue(output)!, context.Out, context.Error));
        return command;
    }

    public static int Run(string path, string? deps, string output, TextWriter stdout, TextWriter stderr)
    {
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
