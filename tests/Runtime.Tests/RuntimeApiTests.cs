using System.ComponentModel;
using System.Reflection;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;
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

        Assert.Equal(["WitBindgen.Runtime", "WitBindgen.Runtime.Abi", "WitBindgen.Runtime.State"], namespaces);
    }

    public static TheoryData<Type> GeneratedCodeTypes() => new()
    {
        typeof(AbiMemory),
        typeof(GuestSlice),
        typeof(SharedCase<>),
        typeof(HostResourceTable<>),
        typeof(EnteredInstances),
        typeof(WitInterfaceBindingsAttribute),
    };

    [Theory]
    [MemberData(nameof(GeneratedCodeTypes))]
    public void TypesForGeneratedCodeAreHiddenFromIntelliSense(Type type)
    {
        Assert.True(type.IsPublic);
        Assert.Equal(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
    }

    public static TheoryData<Type, string> GeneratedCodeMembers() => new()
    {
        { typeof(CanonicalAbi), nameof(CanonicalAbi.Allocate) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.AllocateList) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.CheckList) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.CheckRegion) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.InvalidDiscriminant) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.LiftChar) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.LiftF32) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.LiftF64) },
        { typeof(CanonicalAbi), nameof(CanonicalAbi.ThrowIfNull) },
        { typeof(ComponentInstance), nameof(ComponentInstance.BindRawFunction) },
        { typeof(ComponentInstance), nameof(ComponentInstance.BindResourceType) },
        { typeof(HostImports), nameof(HostImports.FindResourceTable) },
        { typeof(HostInstance), nameof(HostInstance.DefineTableResource) },
    };

    [Theory]
    [MemberData(nameof(GeneratedCodeMembers))]
    public void MembersForGeneratedCodeAreHiddenFromIntelliSense(Type type, string name)
    {
        var members = type.GetMember(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance);

        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.Equal(EditorBrowsableState.Never, m.GetCustomAttribute<EditorBrowsableAttribute>()?.State));
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
