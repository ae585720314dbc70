using System.CommandLine;
using System.CommandLine.Help;
using WitBindgen.Cli.Commands;

namespace WitBindgen.Cli;

/// <summary>Parses the command line (System.CommandLine) and runs a command; see docs/cli.md.</summary>
public static class CommandLine
{
    private static readonly (string Name, string Usage)[] Usages =
    [
        ("wit", WitCommand.Usage),
        ("check", CheckCommand.Usage),
        ("generate", GenerateCommand.Usage),
        ("inspect", InspectCommand.Usage),
        ("validate", ValidateCommand.Usage),
        ("invoke", InvokeCommand.Usage),
        ("run", RunCommand.Usage),
        ("wast", Wast.WastCommand.Usage),
        ("compose", Compose.ComposeCommand.Usage),
    ];

    private static string Usage =>
        string.Join("\n", Usages.Select(u => u.Usage)) + "\n" +
        "Run `witbindgen <command> --help` for a command's options. Exit codes: 0 ok, 1 failure, 2 usage error.";

    /// <summary>Runs the command line; returns the process exit code.</summary>
    /// <param name="args">The arguments, the command first.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where diagnostics go.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, errorIsTerminal: false);

    /// <summary>Runs the command line; with <paramref name="errorIsTerminal"/>, long steps show progress on <paramref name="stderr"/>.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool errorIsTerminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "-?" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var usage = Usages.FirstOrDefault(u => u.Name == args[0]).Usage;
        if (usage is null)
        {
            stderr.WriteLine($"error: unknown command `{args[0]}`\n{Usage}");
            return ExitCodes.Usage;
        }

        var context = new CliContext(stdout, stderr, errorIsTerminal);
        var root = new RootCommand("witbindgen: WIT and WebAssembly component tools.")
        {
            WitCommand.Create(context),
            CheckCommand.Create(context),
            GenerateCommand.Create(context),
            InspectCommand.Create(context),
            ValidateCommand.Create(context),
            InvokeCommand.Create(context),
            RunCommand.Create(context),
            Wast.WastCommand.Create(context),
            Compose.ComposeCommand.Create(context),
        };

        // Arguments are taken as written: no @response files (a WAVE string may start with '@').
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Action is HelpAction)
        {
            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        if (result.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {result.Errors[0].Message}\n{usage}");
            return ExitCodes.Usage;
        }

        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
