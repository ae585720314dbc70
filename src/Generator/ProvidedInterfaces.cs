using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator;

/// <summary>
/// Reads the <c>[assembly: WitBindgen.Runtime.CompilerServices.WitInterfaceBindings(...)]</c> attributes of the referenced assemblies:
/// the WIT interfaces whose C# types they hold (see <see cref="ProvidedInterface"/>).
/// </summary>
internal static class ProvidedInterfaces
{
    /// <summary>The attribute's full metadata name.</summary>
    public const string AttributeName = "WitBindgen.Runtime.CompilerServices.WitInterfaceBindingsAttribute";

    /// <summary>The interfaces of every referenced assembly that references the runtime, in a stable order.</summary>
    public static EquatableArray<ProvidedInterface> Read(Compilation compilation, CancellationToken ct)
    {
        var list = new List<ProvidedInterface>();
        try
        {
            foreach (var reference in compilation.References)
            {
                ct.ThrowIfCancellationRequested();
                if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly
                    || !assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == WitGenerator.RuntimeAssembly)))
                {
                    continue;
                }

                foreach (var attribute in assembly.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() != AttributeName || attribute.ConstructorArguments.Length != 4)
                    {
                        continue;
                    }

                    var args = attribute.ConstructorArguments;
                    if (args[0].Value is not string name || args[1].Value is not string ns || args[2].Value is not bool imported || args[3].Kind != TypedConstantKind.Array)
                    {
                        continue;
                    }

                    var types = args[3].Values.Select(v => v.Value as string).Where(v => v is not null).Select(v => v!).ToEquatableArray();
                    list.Add(new ProvidedInterface(name, ns, imported, types, assembly.Identity.Name));
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // An unreadable reference provides nothing: its interfaces are generated here.
        }

        return list
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Assembly, StringComparer.Ordinal)
            .ThenBy(p => p.Imported ? 0 : 1)
            .ToEquatableArray();
    }
}
