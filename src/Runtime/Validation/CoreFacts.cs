using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// What one scope's core index spaces hold, worked out on demand from the definitions: the signature of each
/// core function, the type of each table, memory, global and tag, the exports of each core instance, the
/// imports and exports of each core module, and each core type. Every lookup is made at a definition and
/// answers null when the index does not exist there or when the answer is not known (the definition it comes
/// from is not one this validator follows; rules then do not check it).
/// </summary>
internal sealed class CoreFacts
{
    private readonly ValidationScope _scope;
    private readonly ValueTypeFacts _values = new();
    private readonly Dictionary<IndexSpaceEntry, CoreEntity?> _entities = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IndexSpaceEntry, IReadOnlyDictionary<string, CoreEntity>?> _instances = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IndexSpaceEntry, CoreModuleShape?> _modules = new(ReferenceEqualityComparer.Instance);

    public CoreFacts(ValidationScope scope) => _scope = scope;

    /// <summary>The signature of core function <paramref name="index"/>, when known.</summary>
    public CoreFunctionType? Function(uint index, Definition at) => Entity(Sort.CoreFunction, index, at)?.Function;

    /// <summary>The core function, table, memory, global or tag at <paramref name="index"/> of <paramref name="sort"/>.</summary>
    public CoreEntity? Entity(Sort sort, uint index, Definition at)
    {
        var entry = _scope.Find(sort, index, at);
        if (entry is null)
        {
            return null;
        }

        if (!_entities.TryGetValue(entry, out var entity))
        {
            entity = Compute(entry);
            _entities[entry] = entity;
        }

        return entity;
    }

    /// <summary>The exports of core instance <paramref name="index"/>, when known.</summary>
    public IReadOnlyDictionary<string, CoreEntity>? Instance(uint index, Definition at)
    {
        var entry = _scope.Find(Sort.CoreInstance, index, at);
        if (entry is null)
        {
            return null;
        }

        if (!_instances.TryGetValue(entry, out var exports))
        {
            exports = entry.Source switch
            {
                CoreInstantiationItem instantiation => Module(instantiation.ModuleIndex, instantiation)?.Exports,
                CoreInlineInstanceItem inline => Inline(inline),
                _ => null,
            };
            _instances[entry] = exports;
        }

        return exports;
    }

    /// <summary>The imports and exports of core module <paramref name="index"/>, when known.</summary>
    public CoreModuleShape? Module(uint index, Definition at)
    {
        var entry = _scope.Find(Sort.CoreModule, index, at);
        if (entry is null)
        {
            return null;
        }

        if (!_modules.TryGetValue(entry, out var shape))
        {
            shape = entry.Source switch
            {
                CoreModuleItem module => CoreModuleReader.Read(module),
                ImportItem { Type: CoreModuleExternType t } import => ModuleType(t.CoreTypeIndex, import),
                ExportItem { Sort: Sort.CoreModule } export => Module(export.Index, export),
                AliasItem { Alias: OuterAlias { Sort: Sort.CoreModule } outer } alias =>
                    _scope.Outer(outer.Count, alias) is { } target ? target.Scope.Core.Module(outer.Index, target.At) : null,
                _ => null,
            };
            _modules[entry] = shape;
        }

        return shape;
    }

    /// <summary>
    /// Core type <paramref name="index"/>: a member of a recursion group or a module type, with the scope and
    /// definition a module type's outer aliases are relative to. Null when it does not exist there.
    /// </summary>
    public (CoreSubType? SubType, CoreModuleType? ModuleType, ValidationScope Scope, Definition At)? Type(uint index, Definition at)
    {
        var entry = _scope.Find(Sort.CoreType, index, at);
        if (entry is null)
        {
            return null;
        }

        return entry.Source switch
        {
            CoreTypeItem { Type: var type } item => Member(type, entry.Position, item),
            CoreTypeDeclaration { Type: var type } declaration => Member(type, entry.Position, declaration),
            AliasItem { Alias: OuterAlias outer } alias => Outer(outer, alias),
            AliasDeclaration { Alias: OuterAlias outer } alias => Outer(outer, alias),
            _ => null,
        };

        (CoreSubType?, CoreModuleType?, ValidationScope, Definition)? Member(CoreType type, int position, Definition definition) => type switch
        {
            CoreModuleType module => (null, module, _scope, definition),
            CoreRecursiveType group => (group.Types[position], null, _scope, definition),
            _ => null,
        };

        (CoreSubType?, CoreModuleType?, ValidationScope, Definition)? Outer(OuterAlias outer, Definition alias) =>
            _scope.Outer(outer.Count, alias) is { } target ? target.Scope.Core.Type(outer.Index, target.At) : null;
    }

    /// <summary>The imports and exports a module type (core type <paramref name="typeIndex"/>) describes.</summary>
    public CoreModuleShape? ModuleType(uint typeIndex, Definition at) =>
        Type(typeIndex, at) is { ModuleType: { } module } found ? ShapeOf(module, found.Scope, found.At) : null;

    /// <summary>The imports and exports described by <paramref name="type"/>, defined at <paramref name="at"/> of <paramref name="scope"/>.</summary>
    public static CoreModuleShape ShapeOf(CoreModuleType type, ValidationScope scope, Definition at)
    {
        var types = new List<CoreSubType?>();
        var imports = new List<CoreImport>();
        var exports = new Dictionary<string, CoreEntity>(StringComparer.Ordinal);
        foreach (var declaration in type.Declarations)
        {
            switch (declaration)
            {
                case CoreModuleTypeDefinition { Type: CoreRecursiveType group }:
                    types.AddRange(group.Types);
                    break;
                case CoreModuleTypeDefinition:
                    types.Add(null);
                    break;
                case CoreModuleOuterAlias { Count: 0 } alias:
                    types.Add(alias.Index < (uint)types.Count ? types[(int)alias.Index] : null);
                    break;
                case CoreModuleOuterAlias alias:
                    types.Add(scope.Outer(alias.Count - 1, at) is { } target ? target.Scope.Core.Type(alias.Index, target.At)?.SubType : null);
                    break;
                case CoreModuleImport import:
                    imports.Add(new CoreImport(import.Module, import.Name, CoreModuleReader.Entity(import.Type, types)));
                    break;
                case CoreModuleExport export:
                    exports.TryAdd(export.Name, CoreModuleReader.Entity(export.Type, types));
                    break;
            }
        }

        return new CoreModuleShape(imports, exports);
    }

    private Dictionary<string, CoreEntity> Inline(CoreInlineInstanceItem inline)
    {
        var exports = new Dictionary<string, CoreEntity>(StringComparer.Ordinal);
        foreach (var export in inline.Exports)
        {
            exports.TryAdd(export.Name, Entity(export.Sort, export.Index, inline) ?? new CoreEntity(export.Sort));
        }

        return exports;
    }

    private CoreEntity? Compute(IndexSpaceEntry entry)
    {
        var sort = entry.Sort;
        try
        {
            return entry.Source switch
            {
                AliasItem { Alias: CoreInstanceExportAlias alias } item =>
                    Instance(alias.InstanceIndex, item) is { } exports && exports.TryGetValue(alias.Name, out var exported) && exported.Sort == sort
                        ? exported
                        : new CoreEntity(sort),
                CanonLowerItem lower =>
                    new CoreEntity(sort, CanonSignatures.Lower(_scope.TypeScope.ResolveFunctionType(lower.FunctionIndex), lower.Options, _values)),
                CanonResourceNewItem or CanonResourceRepItem => new CoreEntity(sort, new CoreFunctionType([CoreValueType.I32], [CoreValueType.I32])),
                CanonResourceDropItem => new CoreEntity(sort, new CoreFunctionType([CoreValueType.I32], [])),
                CanonBuiltinItem builtin => new CoreEntity(sort, CanonSignatures.Builtin(builtin, _scope.TypeScope, _values)),
                _ => new CoreEntity(sort),
            };
        }
        catch (ComponentFormatException)
        {
            // The definition refers to something invalid; the rule for that definition reports it.
            return new CoreEntity(sort);
        }
    }
}
