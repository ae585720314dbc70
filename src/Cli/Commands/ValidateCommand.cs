using System.CommandLine;
using System.Globalization;
using Wasmtime;
using WitBindgen.Cli.Inspect;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Validation;

namespace WitBindgen.Cli.Commands;

/// <summary>
/// <c>witbindgen validate &lt;component.wasm&gt;</c>: decodes and validates a component as loading it does (the
/// runtime's reader and validator), then validates each core module's code with Wasmtime (without compiling it).
/// Prints <c>valid: FILE</c> (exit 0) or <c>invalid: FILE: offset 0x…: reason</c> (exit 1).
/// </summary>
internal static class ValidateCommand
{
    public const string Usage =
        "usage: witbindgen validate <component.wasm>\n" +
        "  Validates a component binary: `valid: FILE`, or `invalid: FILE: offset 0x...: reason` with exit code 1.";

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("component") { Description = "A component binary (.wasm)." };
        var command = new Command("validate", "Validate a component binary: the verdict with offset and message.") { path };
        command.SetAction(result =>
        {
            var file = result.GetValue(path)!;
            if (context.ReadFile(file) is not { } bytes)
            {
                return ExitCodes.Failure;
            }

            ComponentDefinition definition;
            try
            {
                definition = ComponentReader.Read(bytes);
                ComponentValidator.Validate(definition);
            }
            catch (ComponentFormatException e)
            {
                context.Out.WriteLine($"invalid: {file}: offset 0x{e.Offset.ToString("x", CultureInfo.InvariantCulture)}: {e.Reason}");
                return ExitCodes.Failure;
            }

            using var runtime = new ComponentRuntime();
            foreach (var module in CoreModuleInfo.All(definition))
            {
                if (Module.Validate(runtime.Engine, module.Bytes.Span) is { } error)
                {
                    context.Out.WriteLine(
                        $"invalid: {file}: offset 0x{module.Offset.ToString("x", CultureInfo.InvariantCulture)}: core {module.Path}: {error.ReplaceLineEndings(" ")}");
                    return ExitCodes.Failure;
                }
            }

            context.Out.WriteLine($"valid: {file}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
