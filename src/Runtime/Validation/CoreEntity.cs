using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// What validation knows of a core definition (a function, table, memory, global or tag): its sort and, when
/// known, its type. Functions and tags carry their signature in <see cref="Function"/>; tables, memories and
/// globals their type in <see cref="Type"/>.
/// </summary>
/// <param name="Sort">The core sort.</param>
/// <param name="Function">The signature of a function or tag, when known.</param>
/// <param name="Type">The type of a table, memory or global, when known.</param>
internal sealed record CoreEntity(Sort Sort, CoreFunctionType? Function = null, CoreExternType? Type = null)
{
    /// <summary>The entity's type in text-format style, for messages.</summary>
    public string Describe() => Sort switch
    {
        Sort.CoreFunction or Sort.CoreTag when Function is { } f => $"{Sort.ToText()} {f.Describe()}",
        _ when Type is { } t => $"{Sort.ToText()} {DescribeExtern(t)}",
        _ => Sort.ToText(),
    };

    private static string DescribeExtern(CoreExternType type) => type switch
    {
        CoreMemoryExternType m => Limits(m.Limits) + (m.Limits.Shared ? " shared" : ""),
        CoreTableExternType t => $"{Limits(t.Limits)} {t.Element}",
        CoreGlobalExternType g => g.Mutable ? $"(mut {g.Type})" : g.Type.ToString(),
        _ => string.Empty,
    };

    private static string Limits(CoreLimits limits) =>
        (limits.Is64 ? "i64 " : "") + limits.Minimum + (limits.Maximum is { } max ? $" {max}" : "");
}

/// <summary>One import of a core module: its two-level name and what it expects.</summary>
/// <param name="Module">The first-level (module) name.</param>
/// <param name="Name">The second-level (field) name.</param>
/// <param name="Entity">The imported definition's sort and type.</param>
internal sealed record CoreImport(string Module, string Name, CoreEntity Entity);

/// <summary>
/// The imports and exports of a core module (defined in the component, or imported and described by a module
/// type), as instantiation and aliases use them.
/// </summary>
/// <param name="Imports">The imports, in order.</param>
/// <param name="Exports">The exports by name (the first one, when a name repeats).</param>
internal sealed record CoreModuleShape(IReadOnlyList<CoreImport> Imports, IReadOnlyDictionary<string, CoreEntity> Exports);
