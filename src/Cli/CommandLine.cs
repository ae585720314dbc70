using WitBindgen.WitParser;
using WitBindgen.WitParser.Output;

namespace WitBindgen.Cli;

/// <summary>Parses the command line and runs a command.</summary>
public static class CommandLine
{
    private const string Usage =
        "usage: witbindgen wit <file-or-dir> [--json] [--features a,b] [--all-features]\n" +
        "  Resolves a WIT file or package directory (with deps/) and prints it as WIT,\n" +
        "  or as JSON in the reference parser's shape with --json.\n" +
        Wast.WastCommand.Usage + "\n" +
        Compose.ComposeCommand.Usage;

    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "wast")
        {
            return Wast.WastCommand.Run(args, stdout, stderr);
        }

        if (args[0] == "compose")
        {
            return Compose.ComposeCommand.Run(args, stdout, stderr);
        }

        if (args[0] != "wit")
        {
            stderr.WriteLine($"error: unknown command `{args[0]}`\n{Usage}");
            return 2;
        }

        string? path = null;
        bool json = false, all = false;
        var features = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--all-features":
                    all = true;
                    break;
                case "--features" when i + 1 < args.Length:
                    features.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default:
                    if (args[i].StartsWith("--features=", StringComparison.Ordinal))
                    {
                        features.AddRange(args[i]["--features=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    }
                    else if (path is null && !args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        path = args[i];
                    }
                    else
                    {
                        stderr.WriteLine($"error: unexpected argument `{args[i]}`\n{Usage}");
                        return 2;
                    }

                    break;
            }
        }

        if (path is null)
        {
            stderr.WriteLine($"error: missing <file-or-dir>\n{Usage}");
            return 2;
        }

        var result = Wit.Load(path, new WitOptions { Features = features, AllFeatures = all });
        if (!result.Success)
        {
            stderr.WriteLine(result.Diagnostic!.Rendered);
            return 1;
        }

        stdout.WriteLine(json ? WitJson.Serialize(result.Resolve!) : WitPrinter.Print(result.Resolve!));
        return 0;
    }
}
