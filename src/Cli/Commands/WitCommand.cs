using System.CommandLine;
using WitBindgen.WitParser;
using WitBindgen.WitParser.Output;

namespace WitBindgen.Cli.Commands;

/// <summary><c>witbindgen wit &lt;file-or-dir&gt;</c>: resolves a WIT package and prints it as WIT or, with <c>--json</c>, JSON.</summary>
internal static class WitCommand
{
    public const string Usage =
        "usage: witbindgen wit <file-or-dir> [--json] [--features a,b] [--all-features]\n" +
        "  Resolves a WIT file or package directory (with deps/) and prints it as WIT,\n" +
        "  or as JSON in the reference parser's shape with --json.";

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("file-or-dir") { Description = "A .wit file, or a package directory (with deps/)." };
        var json = new System.CommandLine.Option<bool>("--json") { Description = "Print JSON in the reference parser's shape instead of WIT." };
        var features = FeatureOptions.Features();
        var all = FeatureOptions.AllFeatures();
        var command = new Command("wit", "Resolve a WIT package and print it as WIT or JSON.") { path, json, features, all };
        command.SetAction(result =>
        {
            var load = Wit.Load(result.GetValue(path)!, FeatureOptions.From(result, features, all));
            if (!load.Success)
            {
                context.Error.WriteLine(load.Diagnostic!.Rendered);
                return ExitCodes.Failure;
            }

            context.Out.WriteLine(result.GetValue(json) ? WitJson.Serialize(load.Resolve!) : WitPrinter.Print(load.Resolve!));
            return ExitCodes.Ok;
        });
        return command;
    }
}
