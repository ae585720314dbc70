using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Core modules, core module types and core instances (Explainer.md "Instance Definitions" and "Type
/// Definitions", Binary.md "Type Definitions"):
/// <list type="bullet">
/// <item>a core module's two-level import names are unique (they mangle to one single-level name);</item>
/// <item>its imports and exports only use value types the host can pass (numbers, <c>v128</c>,
/// <c>funcref</c>, <c>externref</c>): Wasmtime .NET cannot represent other reference types and would end the
/// process on them, so such modules are refused before Wasmtime sees them;</item>
/// <item>a module type is valid on its own: its type indices exist, its imports are unique, its export names
/// are unique, its limits are within the core limits, it defines no module type and aliases none;</item>
/// <item>a core instantiation names each argument once and supplies every import of the module with an export
/// of the right sort and type; inline core instances export each name once.</item>
/// </list>
/// The code of core modules is validated by Wasmtime when the component is loaded (<see cref="CoreModuleCompilation"/>).
/// </summary>
internal static class CoreModuleRules
{
    /// <summary>The most 64 KiB pages a 32-bit memory may have.</summary>
    private const ulong MaxPages32 = 1UL << 16;

    /// <summary>The most 64 KiB pages a 64-bit memory may have.</summary>
    private const ulong MaxPages64 = 1UL << 48;

    /// <summary>Checks every core module, module type and core instance of <paramref name="root"/>.</summary>
    /// <exception cref="ComponentFormatException">One of them breaks a rule.</exception>
    public static void Check(ComponentDefinition root)
    {
        foreach (var scope in ValidationScope.All(root))
        {
            foreach (var definition in scope.Definitions)
            {
                switch (definition)
                {
                    case CoreModuleItem module:
                        Module(module);
                        break;
                    case CoreTypeItem { Type: CoreModuleType type }:
                        ModuleType(scope, definition, type);
                        break;
                    case CoreTypeDeclaration { Type: CoreModuleType type }:
                        ModuleType(scope, definition, type);
                        break;
                    case CoreInstantiationItem instantiation:
                        Instantiation(scope, instantiation);
                        break;
                    case CoreInlineInstanceItem inline:
                        Unique(inline.Exports.Select(e => e.Name), name => $"export name `{name}` already defined in the core instance", inline);
                        break;
                }
            }
        }
    }

    /// <summary>Whether the host can pass a value of this type through a core import or export.</summary>
    public static bool Representable(CoreValueType type) =>
        type.Kind != CoreValueTypeKind.Reference
        || type.Reference is { Nullable: true, HeapType: { Abstract: CoreAbstractHeapType.Func or CoreAbstractHeapType.Extern, Shared: false } };

    /// <summary>
    /// The rules for a core module defined in a component: unique two-level import names, and only value types
    /// the host can pass in its imports and exports. Checked before Wasmtime ever sees the module.
    /// </summary>
    /// <exception cref="ComponentFormatException">The module breaks one of them.</exception>
    public static void Module(CoreModuleItem module)
    {
        if (CoreModuleReader.Read(module) is not { } shape)
        {
            return; // unreadable: core validation reports it (CoreModuleCompilation)
        }

        var seen = new HashSet<(string, string)>();
        foreach (var import in shape.Imports)
        {
            if (!seen.Add((import.Module, import.Name)))
            {
                throw ComponentValidator.Invalid(
                    $"core module has a duplicate import name `{import.Module}:{import.Name}`, which is not allowed in components", module.Offset);
            }

            Host(module, $"import `{import.Module}` `{import.Name}`", import.Entity);
        }

        foreach (var (name, entity) in shape.Exports)
        {
            Host(module, $"export `{name}`", entity);
        }
    }

    private static void Host(CoreModuleItem module, string what, CoreEntity entity)
    {
        IEnumerable<CoreValueType> types = entity switch
        {
            { Function: { } f } => f.Parameters.Concat(f.Results),
            { Type: CoreGlobalExternType g } => [g.Type],
            { Type: CoreTableExternType t } => [CoreValueType.FromReference(t.Element)],
            _ => [],
        };
        foreach (var type in types)
        {
            if (!Representable(type))
            {
                throw ComponentValidator.Invalid(
                    $"core module {what} ({entity.Describe()}) uses the reference type {type}, which this runtime cannot pass to or from Wasmtime "
                    + "(core imports and exports may only use numbers, v128, funcref and externref)",
                    module.Offset);
            }
        }
    }

    private static void ModuleType(ValidationScope scope, Definition at, CoreModuleType type)
    {
        var types = new List<CoreSubType?>();
        var imports = new HashSet<(string, string)>();
        var exports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in type.Declarations)
        {
            switch (declaration)
            {
                case CoreModuleTypeDefinition { Type: CoreModuleType }:
                    throw Fail(at, "invalid leading byte (0x50) for a type in a module type: module types cannot define module types");
                case CoreModuleTypeDefinition { Type: CoreRecursiveType group }:
                    var limit = (ulong)types.Count + (ulong)group.Types.Count;
                    foreach (var member in group.Types)
                    {
                        References(at, member, limit);
                    }

                    types.AddRange(group.Types);
                    break;
                case CoreModuleOuterAlias { Count: 0 } alias:
                    if (alias.Index >= (uint)types.Count)
                    {
                        throw Fail(at, $"core type index out of bounds: outer alias of index {alias.Index} in a module type with {types.Count} types");
                    }

                    types.Add(types[(int)alias.Index]);
                    break;
                case CoreModuleOuterAlias alias:
                    var target = scope.Outer(alias.Count - 1, at)
                        ?? throw Fail(at, $"invalid outer alias count of {alias.Count} in a module type: the module type has {scope.Depth + 1} enclosing scope(s)");
                    var aliased = target.Scope.Core.Type(alias.Index, target.At)
                        ?? throw Fail(at, $"core type index out of bounds: outer alias of index {alias.Index} in a module type");
                    if (aliased.ModuleType is not null)
                    {
                        throw Fail(at, $"an outer alias in a module type cannot refer to a module type (core type {alias.Index})");
                    }

                    types.Add(aliased.SubType);
                    break;
                case CoreModuleImport import:
                    Extern(at, import.Type, types);
                    if (!imports.Add((import.Module, import.Name)))
                    {
                        throw Fail(at, $"duplicate import name `{import.Module}:{import.Name}` in a module type");
                    }

                    break;
                case CoreModuleExport export:
                    Extern(at, export.Type, types);
                    if (!exports.Add(export.Name))
                    {
                        throw Fail(at, $"export name `{export.Name}` already defined in the module type");
                    }

                    break;
            }
        }
    }

    private static void References(Definition at, CoreSubType member, ulong limit)
    {
        var values = member.Type switch
        {
            CoreFunctionType f => f.Parameters.Concat(f.Results),
            CoreStructType s => s.Fields.Select(f => f.Storage.ValueType),
            CoreArrayType a => [a.Element.Storage.ValueType],
            _ => [],
        };
        var indices = member.SuperTypes.Concat(values
            .Where(v => v.Kind == CoreValueTypeKind.Reference && v.Reference.HeapType.Abstract is null)
            .Select(v => v.Reference.HeapType.TypeIndex));
        foreach (var index in indices)
        {
            if (index >= limit)
            {
                throw Fail(at, $"core type index out of bounds: {index} (only {limit} types in the module type at this point)");
            }
        }
    }

    private static void Extern(Definition at, CoreExternType type, List<CoreSubType?> types)
    {
        switch (type)
        {
            case CoreFunctionExternType { TypeIndex: var index }:
                Signature(at, index, types);
                break;
            case CoreTagExternType { TypeIndex: var index }:
                if (Signature(at, index, types).Results.Count != 0)
                {
                    throw Fail(at, $"a tag's type may not have results (core type {index})");
                }

                break;
            case CoreMemoryExternType { Limits: var limits }:
                Memory(at, limits);
                break;
            case CoreTableExternType { Limits: var limits }:
                if (limits.Maximum is { } max && max < limits.Minimum)
                {
                    throw Fail(at, "size minimum must not be greater than maximum");
                }

                break;
        }
    }

    private static CoreFunctionType Signature(Definition at, uint index, List<CoreSubType?> types)
    {
        if (index >= (uint)types.Count)
        {
            throw Fail(at, $"type index out of bounds: {index} (only {types.Count} types in the module type at this point)");
        }

        return types[(int)index] is { Type: CoreFunctionType f }
            ? f
            : throw Fail(at, $"type index {index} is not a function type");
    }

    private static void Memory(Definition at, CoreLimits limits)
    {
        var pageSizeLog2 = limits.PageSizeLog2 ?? 16;
        if (pageSizeLog2 is not (0 or 16))
        {
            throw Fail(at, $"invalid custom page size: 2^{pageSizeLog2} bytes");
        }

        var maxPages = limits.Is64 ? MaxPages64 << (16 - (int)pageSizeLog2) : MaxPages32 << (16 - (int)pageSizeLog2);
        if (limits.Minimum > maxPages || limits.Maximum > maxPages)
        {
            throw Fail(at, $"memory size must be at most {maxPages} pages ({(limits.Is64 ? "2^64" : "4GiB")})");
        }

        if (limits.Maximum is { } max && max < limits.Minimum)
        {
            throw Fail(at, "size minimum must not be greater than maximum");
        }

        if (limits.Shared && limits.Maximum is null)
        {
            throw Fail(at, "shared memory must have maximum size");
        }
    }

    private static void Instantiation(ValidationScope scope, CoreInstantiationItem instantiation)
    {
        Unique(instantiation.Arguments.Select(a => a.Name), name => $"duplicate module instantiation argument named `{name}`", instantiation);
        if (scope.Core.Module(instantiation.ModuleIndex, instantiation) is not { } module)
        {
            return;
        }

        foreach (var import in module.Imports)
        {
            var argument = instantiation.Arguments.FirstOrDefault(a => a.Name == import.Module)
                ?? throw Fail(instantiation, $"missing module instantiation argument named `{import.Module}` (for import `{import.Module}` `{import.Name}`)");
            if (scope.Core.Instance(argument.Index, instantiation) is not { } exports)
            {
                continue;
            }

            if (!exports.TryGetValue(import.Name, out var provided))
            {
                throw Fail(instantiation, $"module instantiation argument `{import.Module}` does not export an item named `{import.Name}`");
            }

            if (provided.Sort != import.Entity.Sort)
            {
                throw Fail(instantiation,
                    $"module instantiation argument `{import.Module}` exports an item named `{import.Name}` but it is not a {Kind(import.Entity.Sort)}");
            }

            if (!Matches(provided, import.Entity))
            {
                throw Fail(instantiation,
                    $"{Kind(import.Entity.Sort)} type mismatch for export `{import.Name}` of module instantiation argument `{import.Module}`: "
                    + $"the import is {import.Entity.Describe()}, the export is {provided.Describe()}");
            }
        }
    }

    /// <summary>Whether an export can satisfy an import (core subtyping, for the types compared here).</summary>
    private static bool Matches(CoreEntity provided, CoreEntity expected)
    {
        switch (expected)
        {
            case { Function: { } want } when provided.Function is { } have:
                return HasReferences(want) || HasReferences(have)
                    || (want.Parameters.SequenceEqual(have.Parameters) && want.Results.SequenceEqual(have.Results));
            case { Type: CoreGlobalExternType want } when provided.Type is CoreGlobalExternType have:
                return want.Mutable == have.Mutable && want.Shared == have.Shared
                    && (want.Type == have.Type || (want.Type.Kind == CoreValueTypeKind.Reference && have.Type.Kind == CoreValueTypeKind.Reference));
            case { Type: CoreMemoryExternType want } when provided.Type is CoreMemoryExternType have:
                return want.Limits.Shared == have.Limits.Shared && Limits(have.Limits, want.Limits);
            case { Type: CoreTableExternType want } when provided.Type is CoreTableExternType have:
                return want.Element.HeapType.Abstract is null || have.Element.HeapType.Abstract is null
                    ? Limits(have.Limits, want.Limits)
                    : want.Element.HeapType == have.Element.HeapType && want.Element.Nullable == have.Element.Nullable && Limits(have.Limits, want.Limits);
            default:
                return true;
        }
    }

    private static bool Limits(CoreLimits have, CoreLimits want) =>
        have.Is64 == want.Is64
        && (have.PageSizeLog2 ?? 16) == (want.PageSizeLog2 ?? 16)
        && have.Minimum >= want.Minimum
        && (want.Maximum is not { } max || (have.Maximum is { } haveMax && haveMax <= max));

    private static bool HasReferences(CoreFunctionType type) =>
        type.Parameters.Concat(type.Results).Any(t => t.Kind == CoreValueTypeKind.Reference);

    private static string Kind(Sort sort) => sort switch
    {
        Sort.CoreFunction => "function",
        _ => sort.ToText()["core ".Length..],
    };

    private static void Unique(IEnumerable<string> names, Func<string, string> message, Definition at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                throw Fail(at, message(name));
            }
        }
    }

    private static ComponentFormatException Fail(Definition at, string reason) => ComponentValidator.Invalid(reason, at.Offset);
}
