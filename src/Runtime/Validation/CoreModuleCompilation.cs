using System.Text.RegularExpressions;
using Wasmtime;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Core validation of the core modules a component defines, by Wasmtime, when the component is loaded: each
/// module is compiled through the runtime's module cache (<see cref="ComponentRuntime.GetModule(CoreModuleItem)"/>), so the
/// compilation that validates it is the one instantiation uses, and a module already compiled (in memory or in
/// the cache folder) is not compiled again. A module whose code Wasmtime rejects makes the component invalid,
/// with Wasmtime's reason.
/// </summary>
internal static partial class CoreModuleCompilation
{
    /// <summary>Validates and compiles every core module of <paramref name="root"/> and its nested components.</summary>
    /// <returns>The compiled module of each core module definition, which every instantiation of the component uses.</returns>
    /// <exception cref="ComponentFormatException">A core module is invalid.</exception>
    public static Dictionary<CoreModuleItem, Module> Compile(ComponentDefinition root, ComponentRuntime runtime)
    {
        var modules = new Dictionary<CoreModuleItem, Module>(ReferenceEqualityComparer.Instance);
        foreach (var component in ComponentValidator.Components(root))
        {
            foreach (var module in component.Items.OfType<CoreModuleItem>())
            {
                // What Wasmtime .NET cannot represent is refused before Wasmtime reads the module.
                CoreModuleRules.Module(module);
                if (CoreModuleReader.Read(module) is null)
                {
                    var error = Module.Validate(runtime.Engine, module.Bytes.Span);
                    throw ComponentValidator.Invalid(
                        error is null
                            ? "the imports and exports of a core module use encodings this runtime cannot read, so it cannot check that the host can represent them"
                            : "core module is not valid: " + Clean(error),
                        module.Offset);
                }

                try
                {
                    modules[module] = runtime.GetModule(module);
                }
                catch (WasmtimeException e)
                {
                    throw ComponentValidator.Invalid("core module is not valid: " + Clean(e.Message), module.Offset);
                }
            }
        }

        return modules;
    }

    /// <summary>Wasmtime's message on one line, without its preamble naming the module by its internal name (a content hash).</summary>
    private static string Clean(string message) =>
        Whitespace().Replace(ModuleName().Replace(message, string.Empty), " ").Trim();

    [GeneratedRegex(@"WebAssembly module '[0-9A-Fa-f]*' is not valid: ")]
    private static partial Regex ModuleName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
