using System.Globalization;
using Wasmtime;
using WitBindgen.Cli.Commands;
using WitBindgen.Cli.Inspect;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Validation;
using WitBindgen.Runtime.Validation.Types;

namespace WitBindgen.Cli.Components;

/// <summary>Reads, validates and compiles a component file for the commands that run one, reporting failures.</summary>
internal static class ComponentLoader
{
    /// <summary>
    /// Loads the component at <paramref name="path"/> into <paramref name="runtime"/>, compiling its core modules one
    /// by one under a <see cref="CompileProgress"/>; also returns its type. Null (after writing why) when the file
    /// cannot be read or the component is malformed or invalid.
    /// </summary>
    public static (LoadedComponent Component, ComponentDef Type)? Load(ComponentRuntime runtime, string path, CliContext context)
    {
        if (context.ReadFile(path) is not { } bytes)
        {
            return null;
        }

        try
        {
            var definition = ComponentReader.Read(bytes);
            ComponentValidator.Validate(definition);
            var type = TypeChecker.TypeOf(definition);
            var modules = CoreModuleInfo.All(definition);
            using (var progress = new CompileProgress(context.Error, context.ErrorIsTerminal))
            {
                for (var i = 0; i < modules.Count; i++)
                {
                    var megabytes = (modules[i].Bytes.Length / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
                    progress.Report($"compiling core module {i + 1} of {modules.Count} ({megabytes} MB)");
                    runtime.GetModule(modules[i].Bytes);
                }
            }

            // Every module is compiled now: this reads and checks the binary again and takes the modules from the cache.
            return (runtime.Load(bytes), type);
        }
        catch (ComponentFormatException e)
        {
            context.Fail($"`{path}` is not a valid component: {e.Message}");
            return null;
        }
        catch (WasmtimeException e)
        {
            context.Fail($"`{path}`: a core module does not compile: {e.Message}");
            return null;
        }
    }
}
