using System.CommandLine;
using System.Globalization;
using WitBindgen.Cli.Commands;
using WitBindgen.Runtime;

namespace WitBindgen.Cli.Wast;

/// <summary>
/// <c>witbindgen wast &lt;file-or-dir&gt;…</c>: runs Component Model <c>.wast</c> scripts and prints, per script and
/// per directive kind, how many directives did what the script asserts. Each script runs on its own thread with a
/// time limit, so a guest that never returns costs that script's remaining directives, not the run.
/// </summary>
internal static class WastCommand
{
    public const string Usage =
        "usage: witbindgen wast <file-or-dir>... [--verbose] [--timeout <seconds>]\n" +
        "  Runs Component Model .wast scripts (directories: every *.wast below) and prints the score per directive kind.";

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("file-or-dir") { Description = "A .wast script, or a directory (every *.wast below it).", Arity = ArgumentArity.OneOrMore };
        var verbose = new System.CommandLine.Option<bool>("--verbose") { Description = "List every directive that fails, with its line." };
        var timeout = new System.CommandLine.Option<double>("--timeout") { Description = "Seconds each script may run (default 60).", DefaultValueFactory = _ => 60 };
        var command = new Command("wast", "Run Component Model .wast scripts and print the score per directive kind.") { paths, verbose, timeout };
        command.SetAction(result => Run(result.GetValue(paths)!, result.GetValue(verbose), TimeSpan.FromSeconds(result.GetValue(timeout)), context.Out, context.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, bool verbose, TimeSpan timeout, TextWriter stdout, TextWriter stderr)
    {
        var files = new List<(string Root, string File)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (path, f)));
            }
            else if (File.Exists(path))
            {
                files.Add((Path.GetDirectoryName(Path.GetFullPath(path))!, path));
            }
            else
            {
                stderr.WriteLine($"error: no such file or directory `{path}`");
                return 2;
            }
        }

        using var runtime = new ComponentRuntime();
        var all = new List<(string Group, WastOutcome Outcome)>();
        foreach (var (root, file) in files)
        {
            var relative = Path.GetRelativePath(root, file);
            var group = relative.Contains(Path.DirectorySeparatorChar) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar)] : ".";
            var outcomes = RunFile(runtime, file, timeout);
            all.AddRange(outcomes.Select(o => (group, o)));
            stdout.WriteLine($"{relative}: {outcomes.Count(o => o.Passed)}/{outcomes.Count}");
            if (verbose)
            {
                foreach (var o in outcomes.Where(o => !o.Passed))
                {
                    stdout.WriteLine($"  line {o.Line} {o.Kind}: {OneLine(o.Detail)}");
                }
            }
        }

        stdout.WriteLine();
        foreach (var kind in all.GroupBy(a => a.Outcome.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            stdout.WriteLine(Score(kind.Key, kind.Count(a => a.Outcome.Passed), kind.Count()));
        }

        foreach (var group in all.GroupBy(a => a.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            stdout.WriteLine(Score(group.Key + "/", group.Count(a => a.Outcome.Passed), group.Count()));
        }

        var parsed = all.Count(a => a.Outcome.Detail.StartsWith("refused by the text parser", StringComparison.Ordinal));
        var passed = all.Count(a => a.Outcome.Passed);
        var nonAsync = all.Where(a => a.Group != "async").ToList();
        stdout.WriteLine($"refused by the text parser before the runtime saw them: {parsed}");
        stdout.WriteLine(
            $"headline: {Percent(passed, all.Count)} of {all.Count} directives pass as the scripts assert " +
            $"({nonAsync.Count(a => a.Outcome.Passed)}/{nonAsync.Count} outside async/)");
        return passed == all.Count ? 0 : 1;
    }

    /// <summary>Runs one script on a thread of its own; directives left when the time is up fail as a hang.</summary>
    private static List<WastOutcome> RunFile(ComponentRuntime runtime, string file, TimeSpan timeout)
    {
        var text = File.ReadAllText(file);
        List<WastOutcome>? outcomes = null;
        var thread = new Thread(() =>
        {
            using var runner = new WastRunner(runtime);
            outcomes = runner.Run(text);
        }, 16 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        if (thread.Join(timeout))
        {
            return outcomes!;
        }

        return [new WastOutcome(0, "script", false, $"did not finish in {timeout.TotalSeconds} s")];
    }

    private static string Score(string what, int passed, int total) =>
        $"{what,-24} {passed}/{total} ({Percent(passed, total)})";

    private static string Percent(int passed, int total) =>
        total == 0 ? "100.0%" : (100.0 * passed / total).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
