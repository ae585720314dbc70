namespace WitBindgen.Runtime.Binary;

/// <summary><c>(module decl*)</c>: the type of a core module, with its own (initially empty) core type index space.</summary>
/// <param name="Declarations">Import, type, alias and export declarations, in order.</param>
internal sealed record CoreModuleType(IReadOnlyList<CoreModuleDeclaration> Declarations) : CoreType
{
    /// <summary>Import, type, alias and export declarations, in order.</summary>
    public IReadOnlyList<CoreModuleDeclaration> Declarations { get; init; } = ValueList.Of(Declarations);

    /// <inheritdoc/>
    public override int IndexCount => 1;

    /// <summary>The import declarations, in order.</summary>
    public IEnumerable<CoreModuleImport> Imports => Declarations.OfType<CoreModuleImport>();

    /// <summary>The export declarations, in order.</summary>
    public IEnumerable<CoreModuleExport> Exports => Declarations.OfType<CoreModuleExport>();

    /// <inheritdoc/>
    public override string Describe() => $"(module with {Declarations.Count} declarations)";
}

/// <summary>
/// A declaration of a <see cref="CoreModuleType"/>: <see cref="CoreModuleImport"/>,
/// <see cref="CoreModuleTypeDefinition"/>, <see cref="CoreModuleOuterAlias"/> or <see cref="CoreModuleExport"/>.
/// </summary>
internal abstract record CoreModuleDeclaration
{
    private protected CoreModuleDeclaration()
    {
    }
}

/// <summary><c>(import "module" "name" type)</c>.</summary>
/// <param name="Module">The import module name.</param>
/// <param name="Name">The import field name.</param>
/// <param name="Type">The imported definition's type.</param>
internal sealed record CoreModuleImport(string Module, string Name, CoreExternType Type) : CoreModuleDeclaration;

/// <summary>A <c>(type ...)</c> declaration in a module type.</summary>
/// <param name="Type">The declared core type.</param>
internal sealed record CoreModuleTypeDefinition(CoreType Type) : CoreModuleDeclaration;

/// <summary><c>(alias outer ct idx (type))</c> in a module type.</summary>
/// <param name="Count">How many scopes outward.</param>
/// <param name="Index">Index in the core type index space of that scope.</param>
internal sealed record CoreModuleOuterAlias(uint Count, uint Index) : CoreModuleDeclaration;

/// <summary><c>(export "name" type)</c>.</summary>
/// <param name="Name">The export name.</param>
/// <param name="Type">The exported definition's type.</param>
internal sealed record CoreModuleExport(string Name, CoreExternType Type) : CoreModuleDeclaration;

/// <summary>
/// The type of a core import or export: <see cref="CoreFunctionExternType"/>, <see cref="CoreTableExternType"/>,
/// <see cref="CoreMemoryExternType"/>, <see cref="CoreGlobalExternType"/> or <see cref="CoreTagExternType"/>.
/// </summary>
internal abstract record CoreExternType
{
    private protected CoreExternType()
    {
    }

    /// <summary>The core sort of the import or export.</summary>
    public abstract Sort Sort { get; }
}

/// <summary>A function of the given core type.</summary>
/// <param name="TypeIndex">Index in the module type's core type index space.</param>
internal sealed record CoreFunctionExternType(uint TypeIndex) : CoreExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.CoreFunction;
}

/// <summary>A table.</summary>
/// <param name="Element">The element reference type.</param>
/// <param name="Limits">The size limits.</param>
internal sealed record CoreTableExternType(CoreReferenceType Element, CoreLimits Limits) : CoreExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.CoreTable;
}

/// <summary>A memory.</summary>
/// <param name="Limits">The size limits, in pages.</param>
internal sealed record CoreMemoryExternType(CoreLimits Limits) : CoreExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.CoreMemory;
}

/// <summary>A global.</summary>
/// <param name="Type">The value type.</param>
/// <param name="Mutable">Whether the global is mutable.</param>
/// <param name="Shared">Whether the global is shared.</param>
internal sealed record CoreGlobalExternType(CoreValueType Type, bool Mutable, bool Shared) : CoreExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.CoreGlobal;
}

/// <summary>An exception tag of the given function type.</summary>
/// <param name="TypeIndex">Index in the module type's core type index space.</param>
internal sealed record CoreTagExternType(uint TypeIndex) : CoreExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.CoreTag;
}

/// <summary>Limits of a table or memory.</summary>
/// <param name="Minimum">The initial size.</param>
/// <param name="Maximum">The maximum size, if any.</param>
/// <param name="Shared">Whether the memory is shared.</param>
/// <param name="Is64">Whether the table or memory is 64-bit indexed.</param>
/// <param name="PageSizeLog2">The custom page size (log2), if given.</param>
internal sealed record CoreLimits(ulong Minimum, ulong? Maximum, bool Shared, bool Is64, uint? PageSizeLog2);
