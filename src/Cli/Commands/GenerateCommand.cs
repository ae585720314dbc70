using System.CommandLine;
using Microsoft.CodeAnalysis;
using WitBindgen.Cli.Generate;

namespace WitBindgen.Cli.Commands;

/// <summary>
/// <c>witbindgen generate &lt;file-or-dir&gt; --world W --out DIR</c>: writes the C# files the source generator
/// makes for a world, exactly as a build with a <c>&lt;Wit&gt;</c> item would (<see cref="GeneratorRun"/>).
/// </summary>
internal static class GenerateCommand
{
    public const string Usage =
        "usage: witbindgen generate <file-or-dir> --world <world> --out <dir> [--mode host|guest] [--namespace <ns>]\n" +
        "                           [--features a,b] [--string-encoding utf8|utf16] [--with <map>] [--reference <dll>]...\n" +
        "  Runs the WitBindgen source generator on a WIT file or package directory and writes the C# files a build makes.";

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("file-or-dir") { Description = "A .wit file, or a package directory (with deps/)." };
        var world = new System.CommandLine.Option<string>("--world", "-w") { Description = "The world to generate (as a Wit item's World).", Required = true };
        var output = new System.CommandLine.Option<string>("--out", "-o") { Description = "The folder to write the .cs files to (created if needed).", Required = true };
        var mode = new System.CommandLine.Option<string>("--mode") { Description = "host (the default: bindings to run the component) or guest (to be the component)." };
        mode.AcceptOnlyFromAmong("host", "guest", "Host", "Guest");
        var ns = new System.CommandLine.Option<string>("--namespace") { Description = "The C# namespace of the bindings." };
        var features = FeatureOptions.Features();
        var encoding = new System.CommandLine.Option<string>("--string-encoding") { Description = "Guest string encoding: utf8 (the default) or utf16." };
        encoding.AcceptOnlyFromAmong("utf8", "utf16");
        var with = new System.CommandLine.Option<string>("--with") { Description = "Interfaces to take from elsewhere: iface=Namespace or iface=generate, comma-separated." };
        var references = new System.CommandLine.Option<string[]>("--reference", "-r")
        {
            Description = "An assembly the bindings' project references (its bindings are reused), e.g. WitBindgen.Wasi.dll.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("generate", "Write the C# bindings the source generator makes for a world.")
        {
            path, world, output, mode, ns, features, encoding, with, references,
        };
        command.SetAction(result =>
        {
            GenerateResult generated;
            try
            {
                generated = GeneratorRun.Run(new GenerateRequest(
                    result.GetValue(path)!,
                    result.GetValue(world)!,
                    result.GetValue(mode) is { } m ? char.ToUpperInvariant(m[0]) + m[1..].ToLowerInvariant() : null,
                    result.GetValue(ns),
                    FeatureOptions.Split(result.GetValue(features)),
                    result.GetValue(encoding),
                    result.GetValue(with),
                    result.GetValue(references)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
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

            var folder = result.GetValue(output)!;
            try
            {
                Directory.CreateDirectory(folder);
                foreach (var (hintName, text) in generated.Sources)
                {
                    File.WriteAllText(Path.Combine(folder, hintName), text);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return context.Fail($"cannot write to `{folder}`: {e.Message}");
            }

            foreach (var (hintName, _) in generated.Sources)
            {
                context.Out.WriteLine(Path.Combine(folder, hintName));
            }

            return generated.Sources.Count == 0 ? context.Fail($"world `{result.GetValue(world)}` generated no file") : ExitCodes.Ok;
        });
        return command;
    }
}
