using System.ComponentModel;
using System.Reflection;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests;

/// <summary>The shape of the runtime's public API (docs/public-api.md); the exact list is PublicAPI.*.txt.</summary>
public class RuntimeApiTests
{
    private static readonly Assembly Runtime = typeof(ComponentRuntime).Assembly;

    [Fact]
    public void ImplementationNamespacesHaveNoPublicTypes()
    {
        string[] internalNamespaces =
        [
            "WitBindgen.Runtime.Binary",
            "WitBindgen.Runtime.Validation",
            "WitBindgen.Runtime.Instantiation",
            "WitBindgen.Runtime.Interop",
        ];

        var exposed = Runtime.GetExportedTypes()
            .Where(t => internalNamespaces.Any(n => t.Namespace == n || t.Namespace?.StartsWith(n + ".", StringComparison.Ordinal) == true))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(exposed);
    }

    [Fact]
    public void PublicNamespacesAreTheDocumentedOnes()
    {
        var namespaces = Runtime.GetExportedTypes().Select(t => t.Namespace).Distinct().Order().ToList();

        Assert.Equal(["WitBindgen.Runtime", "WitBindgen.Runtime.Abi", "WitBindgen.Runtime.CompilerServices", "WitBindgen.Runtime.State"], namespaces);
    }

    [Fact]
    public void EveryTypeForGeneratedCodeIsHiddenFromIntelliSense()
    {
        var types = Runtime.GetExportedTypes().Where(t => t.Namespace == "WitBindgen.Runtime.CompilerServices").ToList();

        Assert.Equal(
            ["AbiHelpers", "AbiMemory", "AsyncHandles", "EnteredInstances", "ExportBinding", "ExportFunction", "HostResourceTable`1", "ProvidedResources", "ResultBytes", "SharedCase`1", "WitInterfaceBindingsAttribute", "WorldInstantiation"],
            types.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(types, t => Assert.Equal(EditorBrowsableState.Never, t.GetCustomAttribute<EditorBrowsableAttribute>()?.State));
    }

    [Fact]
    public void NoTypeOutsideCompilerServicesIsHidden()
    {
        // Hiding is for the generated-code namespace only: what users call elsewhere stays visible.
        var hidden = Runtime.GetExportedTypes()
            .Where(t => t.Namespace != "WitBindgen.Runtime.CompilerServices")
            .Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(hidden);
    }

    [Fact]
    public void BindingMethodsAreNotPublicOnComponentInstance()
    {
        // Generated bindings bind through ExportBinding; the instance's own entry points are internal.
        Assert.Null(typeof(ComponentInstance).GetMethod("BindLiftedFunction", BindingFlags.Public | BindingFlags.Instance));
        Assert.Null(typeof(ComponentInstance).GetMethod("BindResourceType", BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void EnteredInstancesIsOpaque()
    {
        var visible = typeof(EnteredInstances).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is not ConstructorInfo)
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(visible);
    }
}
