using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Index spaces and sorts (Explainer.md "Index Spaces", Binary.md): every index a definition uses must exist
/// at that point (definitions only see the indices added before them) and name a definition of the right
/// sort and kind: a value type where a <c>valtype</c> is expected, a resource type for <c>own</c>,
/// <c>borrow</c> and the resource built-ins, a function type for <c>canon lift</c> and <c>(func (type i))</c>,
/// a module type for <c>(core module (type i))</c>, and an export that exists, with the aliased sort, for export
/// aliases. Outer aliases are checked by <see cref="OuterAliasRules"/>.
/// </summary>
internal static class IndexRules
{
    /// <summary>Checks every definition of <paramref name="root"/> and of everything nested in it.</summary>
    /// <exception cref="ComponentFormatException">An index is out of bounds or of the wrong kind.</exception>
    public static void Check(ComponentDefinition root)
    {
        foreach (var scope in ValidationScope.All(root))
        {
            foreach (var definition in scope.Definitions)
            {
                new Checker(scope, definition).Run();
            }
        }
    }

    /// <summary>The name of an index space in messages, e.g. "core function" (so "function index out of bounds").</summary>
    public static string Noun(Sort sort) => sort switch
    {
        Sort.CoreFunction => "core function",
        Sort.Function => "function",
        _ => sort.ToText(),
    };

    /// <summary>The sort with its indefinite article, e.g. "an instance" or "a core func".</summary>
    public static string A(Sort sort) => (sort is Sort.Instance ? "an " : "a ") + sort.ToText();

    private readonly struct Checker(ValidationScope scope, Definition at)
    {
        public void Run()
        {
            switch (at)
            {
                case CoreInstantiationItem instantiation:
                    Require(Sort.CoreModule, instantiation.ModuleIndex);
                    foreach (var argument in instantiation.Arguments)
                    {
                        Require(argument.Sort, argument.Index);
                    }

                    break;
                case CoreInlineInstanceItem inline:
                    foreach (var export in inline.Exports)
                    {
                        if (export.Sort is not (Sort.CoreFunction or Sort.CoreTable or Sort.CoreMemory or Sort.CoreGlobal or Sort.CoreTag))
                        {
                            throw Fail($"a core instance may only export functions, tables, memories, globals and tags, not {A(export.Sort)} (export `{export.Name}`)");
                        }

                        Require(export.Sort, export.Index);
                    }

                    break;
                case CoreTypeItem { Type: CoreRecursiveType group }:
                    CoreGroup(group);
                    break;
                case CoreTypeDeclaration { Type: CoreRecursiveType group }:
                    CoreGroup(group);
                    break;
                case InstantiationItem instantiation:
                    Require(Sort.Component, instantiation.ComponentIndex);
                    foreach (var argument in instantiation.Arguments)
                    {
                        Exportable(argument.Sort, $"instantiation argument `{argument.Name}`");
                        Require(argument.Sort, argument.Index);
                    }

                    break;
                case InlineInstanceItem inline:
                    foreach (var export in inline.Exports)
                    {
                        Exportable(export.Sort, $"export `{export.Name.Name}`");
                        Require(export.Sort, export.Index);
                    }

                    break;
                case AliasItem { Alias: var alias }:
                    Alias(alias);
                    break;
                case AliasDeclaration { Alias: var alias }:
                    Alias(alias);
                    break;
                case TypeItem { Type: var type }:
                    Type(type);
                    break;
                case TypeDeclaration { Type: var type }:
                    Type(type);
                    break;
                case CanonLiftItem lift:
                    Require(Sort.CoreFunction, lift.CoreFunctionIndex);
                    if (Resolve(lift.TypeIndex).Definition is not FunctionType)
                    {
                        throw Fail($"canon lift: type index {lift.TypeIndex} is not a function type");
                    }

                    Options(lift.Options);
                    break;
                case CanonLowerItem lower:
                    Require(Sort.Function, lower.FunctionIndex);
                    Options(lower.Options);
                    break;
                case CanonResourceNewItem item:
                    Resource(item.TypeIndex);
                    break;
                case CanonResourceDropItem item:
                    Resource(item.TypeIndex);
                    break;
                case CanonResourceRepItem item:
                    Resource(item.TypeIndex);
                    break;
                case CanonBuiltinItem builtin:
                    Builtin(builtin);
                    break;
                case StartItem start:
                    Start(start);
                    break;
                case ImportItem import:
                    Extern(import.Type);
                    break;
                case ImportDeclaration import:
                    Extern(import.Type);
                    break;
                case ExportDeclaration export:
                    Extern(export.Type);
                    break;
                case ExportItem export:
                    Exportable(export.Sort, $"export `{export.Name.Name}`");
                    Require(export.Sort, export.Index);
                    if (export.Type is { } ascribed)
                    {
                        Extern(ascribed);
                    }

                    break;
                case ValueItem value:
                    ValueType(value.Type);
                    break;
            }
        }

        private ComponentFormatException Fail(string reason) => ComponentValidator.Invalid(reason, at.Offset);

        private IndexSpaceEntry Require(Sort sort, uint index) =>
            scope.Find(sort, index, at)
            ?? throw Fail($"{Noun(sort)} index out of bounds: {index} (only {scope.CountAt(sort, at)} defined at this point)");

        private void Exportable(Sort sort, string what)
        {
            if (sort.IsCore() && sort != Sort.CoreModule)
            {
                throw Fail($"{what}: {A(sort)} cannot be passed between components (only core modules among the core sorts)");
            }
        }

        private ResolvedType Resolve(uint typeIndex)
        {
            Require(Sort.Type, typeIndex);
            try
            {
                return scope.TypeScope.ResolveType(typeIndex);
            }
            catch (ComponentFormatException e)
            {
                throw Fail(e.Reason);
            }
        }

        private void ValueType(ValueTypeReference type)
        {
            if (type.IsPrimitive)
            {
                return;
            }

            var resolved = Resolve(type.TypeIndex);
            if (resolved.Definition is not DefinedValueType)
            {
                var found = resolved.IsResource ? "resource" : resolved.Describe();
                throw Fail($"type index {type.TypeIndex} is not a value type: expected defined type, found {found}");
            }
        }

        private void Resource(uint typeIndex)
        {
            if (!Resolve(typeIndex).IsResource)
            {
                throw Fail($"type index {typeIndex} is not a resource type");
            }
        }

        private void Type(DefinedType type)
        {
            switch (type)
            {
                case RecordType r:
                    foreach (var field in r.Fields)
                    {
                        ValueType(field.Type);
                    }

                    break;
                case VariantType v:
                    foreach (var c in v.Cases)
                    {
                        Optional(c.Type);
                    }

                    break;
                case ListType l:
                    ValueType(l.Element);
                    break;
                case FixedSizeListType l:
                    ValueType(l.Element);
                    break;
                case TupleType t:
                    foreach (var element in t.Types)
                    {
                        ValueType(element);
                    }

                    break;
                case OptionType o:
                    ValueType(o.Type);
                    break;
                case ResultType r:
                    Optional(r.Ok);
                    Optional(r.Error);
                    break;
                case StreamType s:
                    Optional(s.Element);
                    break;
                case FutureType f:
                    Optional(f.Element);
                    break;
                case MapType m:
                    ValueType(m.Key);
                    ValueType(m.Value);
                    break;
                case OwnType own:
                    Resource(own.ResourceTypeIndex);
                    break;
                case BorrowType borrow:
                    Resource(borrow.ResourceTypeIndex);
                    break;
                case FunctionType f:
                    foreach (var parameter in f.Parameters)
                    {
                        ValueType(parameter.Type);
                    }

                    Optional(f.Result);
                    break;
                case ResourceType { DestructorIndex: { } destructor }:
                    Require(Sort.CoreFunction, destructor);
                    break;
            }
        }

        private void Optional(ValueTypeReference? type)
        {
            if (type is { } t)
            {
                ValueType(t);
            }
        }

        private void Extern(ExternType type)
        {
            switch (type)
            {
                case CoreModuleExternType m:
                    Require(Sort.CoreType, m.CoreTypeIndex);
                    if (scope.Core.Type(m.CoreTypeIndex, at) is not { ModuleType: not null })
                    {
                        throw Fail($"core type index {m.CoreTypeIndex} is not a module type");
                    }

                    break;
                case FunctionExternType f:
                    if (Resolve(f.TypeIndex).Definition is not FunctionType)
                    {
                        throw Fail($"type index {f.TypeIndex} is not a function type");
                    }

                    break;
                case ComponentExternType c:
                    if (Resolve(c.TypeIndex).Definition is not ComponentType)
                    {
                        throw Fail($"type index {c.TypeIndex} is not a component type");
                    }

                    break;
                case InstanceExternType i:
                    if (Resolve(i.TypeIndex).Definition is not InstanceType)
                    {
                        throw Fail($"type index {i.TypeIndex} is not an instance type");
                    }

                    break;
                case TypeExternType { Bound.EqualTypeIndex: { } equal }:
                    Resolve(equal);
                    break;
                case ValueExternType { Bound: var bound }:
                    if (bound.EqualValueIndex is { } value)
                    {
                        Require(Sort.Value, value);
                    }

                    Optional(bound.Type);
                    break;
            }
        }

        private void Alias(Alias alias)
        {
            switch (alias)
            {
                case InstanceExportAlias export:
                    Require(Sort.Instance, export.InstanceIndex);
                    if (InstanceShape.Of(scope, export.InstanceIndex, at) is { } shape)
                    {
                        var sort = shape.SortOf(export.Name)
                            ?? throw Fail($"instance {export.InstanceIndex} has no export named `{export.Name}`");
                        if (sort != export.Sort)
                        {
                            throw Fail($"export `{export.Name}` of instance {export.InstanceIndex} is {A(sort)}, not {A(export.Sort)}");
                        }
                    }

                    break;
                case CoreInstanceExportAlias export:
                    Require(Sort.CoreInstance, export.InstanceIndex);
                    if (scope.Core.Instance(export.InstanceIndex, at) is { } exports)
                    {
                        if (!exports.TryGetValue(export.Name, out var entity))
                        {
                            throw Fail($"core instance {export.InstanceIndex} has no export named `{export.Name}`");
                        }

                        if (entity.Sort != export.Sort)
                        {
                            throw Fail($"export `{export.Name}` of core instance {export.InstanceIndex} is {A(entity.Sort)}, not {A(export.Sort)}");
                        }
                    }

                    break;
            }
        }

        /// <summary>The start function exists and takes as many values, and returns as many, as the start definition says.</summary>
        private void Start(StartItem start)
        {
            Require(Sort.Function, start.FunctionIndex);
            foreach (var argument in start.Arguments)
            {
                Require(Sort.Value, argument);
            }

            FunctionType function;
            try
            {
                function = (FunctionType)scope.TypeScope.ResolveFunctionType(start.FunctionIndex).Definition!;
            }
            catch (ComponentFormatException e)
            {
                throw Fail(e.Reason);
            }

            if (function.Parameters.Count != start.Arguments.Count)
            {
                throw Fail($"start function {start.FunctionIndex} takes {function.Parameters.Count} arguments, but the start definition passes {start.Arguments.Count}");
            }

            var results = function.Result is null ? 0u : 1u;
            if (results != start.ResultCount)
            {
                throw Fail($"start function {start.FunctionIndex} returns {results} values, but the start definition expects {start.ResultCount}");
            }
        }

        private void Options(CanonicalOptions options)
        {
            if (options.MemoryIndex is { } memory)
            {
                Require(Sort.CoreMemory, memory);
            }

            foreach (var function in new[] { options.ReallocIndex, options.PostReturnIndex, options.CallbackIndex })
            {
                if (function is { } index)
                {
                    Require(Sort.CoreFunction, index);
                }
            }
        }

        private void Builtin(CanonBuiltinItem builtin)
        {
            if (builtin.TypeIndex is { } typeIndex)
            {
                var resolved = Resolve(typeIndex);
                var name = builtin.Kind.ToText();
                if (name.StartsWith("stream.", StringComparison.Ordinal) && resolved.Definition is not StreamType)
                {
                    throw Fail($"canon {name}: type index {typeIndex} is not a stream type");
                }

                if (name.StartsWith("future.", StringComparison.Ordinal) && resolved.Definition is not FutureType)
                {
                    throw Fail($"canon {name}: type index {typeIndex} is not a future type");
                }
            }

            if (builtin.Options is { } options)
            {
                Options(options);
            }

            if (builtin.MemoryIndex is { } memory)
            {
                Require(Sort.CoreMemory, memory);
            }

            if (builtin.TableIndex is { } table)
            {
                Require(Sort.CoreTable, table);
            }

            if (builtin.CoreTypeIndex is { } coreType)
            {
                Require(Sort.CoreType, coreType);
                if (scope.Core.Type(coreType, at) is not { SubType.Type: CoreFunctionType })
                {
                    throw Fail($"canon {builtin.Kind.ToText()}: core type index {coreType} is not a function type");
                }
            }

            Optional(builtin.Result);
        }

        /// <summary>Type references inside a core recursion group may name any earlier type or any member of the group.</summary>
        private void CoreGroup(CoreRecursiveType group)
        {
            var limit = (ulong)scope.CountAt(Sort.CoreType, at) + (ulong)group.Types.Count;
            foreach (var member in group.Types)
            {
                foreach (var super in member.SuperTypes)
                {
                    CoreTypeIndex(super, limit);
                }

                switch (member.Type)
                {
                    case CoreFunctionType f:
                        foreach (var value in f.Parameters.Concat(f.Results))
                        {
                            CoreValue(value, limit);
                        }

                        break;
                    case CoreStructType s:
                        foreach (var field in s.Fields)
                        {
                            CoreValue(field.Storage.ValueType, limit);
                        }

                        break;
                    case CoreArrayType a:
                        CoreValue(a.Element.Storage.ValueType, limit);
                        break;
                }
            }
        }

        private void CoreValue(CoreValueType value, ulong limit)
        {
            if (value.Kind == CoreValueTypeKind.Reference && value.Reference.HeapType.Abstract is null)
            {
                CoreTypeIndex(value.Reference.HeapType.TypeIndex, limit);
            }
        }

        private void CoreTypeIndex(uint index, ulong limit)
        {
            if (index >= limit)
            {
                throw Fail($"core type index out of bounds: {index} (only {limit} defined at this point)");
            }
        }
    }
}
