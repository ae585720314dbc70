using System.CommandLine;
using WitBindgen.Cli.Generate;
using WitBindgen.WitParser;

namespace WitBindgen.Cli.Commands;

/// <summary>
/// <c>witbindgen check &lt;file-or-dir&gt;</c>: resolves a WIT package and reports its first error with its location
/// (exit 1), or a one-line summary (exit 0). With <c>--world</c> it also runs the source generator for that world and
/// reports its diagnostics (WIT0xxx), as a build would.
/// </summary>
internal static class CheckCommand
{
    public const string Usage =
        "usage: witbindgen check <file-or-dir> [--world <world>] [--features a,b] [--all-features]\n" +
        "  Checks a WIT file or package directory: the error with its location (exit 1), or a summary (exit 0).\n" +
        "  With --world, also the source generator's diagnostics for that world.";

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("file-or-dir") { Description = "A .wit file, or a package directory (with deps/)." };
        var world = new System.CommandLine.Option<string>("--world", "-w") { Description = "Also run the source generator for this world and report its diagnostics." };
        var features = FeatureOptions.Features();
        var all = FeatureOptions.AllFeatures();
        var command = new Command("check", "Check a WIT package: located diagnostics and an exit code.") { path, world, features, all };
        command.SetAction(result =>
        {
            var file = result.GetValue(path)!;
            var load = Wit.Load(file, FeatureOptions.From(result, features, all));
            if (!load.Success)
            {
                context.Error.WriteLine(load.Diagnostic!.Rendered);
                return ExitCodes.Failure;
            }

            var resolve = load.Resolve!;
            var main = resolve.Packages[load.MainPackage?.Index ?? resolve.Packages.Count - 1];
            if (result.GetValue(world) is { } worldName)
            {
                GenerateResult generated;
                try
                {
                    generated = GeneratorRun.Run(new GenerateRequest(file, worldName, Features: FeatureOptions.Split(result.GetValue(features))));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return context.Fail(e.Message);
                }

                foreach (var diagnostic in generated.Diagnostics)
                {
                    context.Error.WriteLine(diagnostic.ToString());
                }

                if (generated.HasErrors)
                {
                    return ExitCodes.Failure;
                }
            }

            context.Out.WriteLine(
                $"ok: {main.Name} ({Count(main.Interfaces.Count, "interface")}, {Count(main.Worlds.Count, "world")}; " +
                $"{Count(resolve.Packages.Count, "package")} resolved)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
