namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// The specification's type checking (Explainer.md, "Type Checking"): value types are equal when their structures
/// are, resource types when their identities are; instance and component types are related by subtyping (a subtype
/// exports more and imports less, by name, in any order). Each check returns null or the first difference.
/// </summary>
internal static class TypeRelations
{
    /// <summary>Whether <paramref name="actual"/> can stand where <paramref name="expected"/> is required.</summary>
    public static string? Entity(Entity actual, Entity expected, Bindings map)
    {
        switch (expected, actual)
        {
            case (FuncEntity e, FuncEntity a):
                return Func(a.Type, e.Type, map);
            case (TypeEntity e, TypeEntity a):
                map.TryBind(e.Id, a.Id);
                return TypeExport(a.Id, e.Id, map);
            case (InstanceEntity e, InstanceEntity a):
                return Instance(a.Type, e.Type, map);
            case (ComponentEntity e, ComponentEntity a):
                return Component(a.Type, e.Type, map);
            case (ValueEntity e, ValueEntity a):
                return Value(a.Type, e.Type, map);
            case (CoreModuleEntity, CoreModuleEntity):
                return null;
            default:
                return $"expected {Kind(expected)}, found {Kind(actual)}";
        }
    }

    /// <summary>Whether two value types are equal.</summary>
    public static string? Value(ValType actual, ValType expected, Bindings map) => (expected, actual) switch
    {
        (PrimValType e, PrimValType a) => e.Kind == a.Kind ? null : Mismatch(expected, actual),
        (RefValType e, RefValType a) => ReferenceEquals(e.Id, a.Id) && map.IsEmpty ? null : Def(a.Id.Type, e.Id.Type, map),
        (RefValType { Id.Type: PrimDef e }, PrimValType a) => e.Kind == a.Kind ? null : Mismatch(expected, actual),
        (PrimValType e, RefValType { Id.Type: PrimDef a }) => e.Kind == a.Kind ? null : Mismatch(expected, actual),
        _ => Mismatch(expected, actual),
    };

    /// <summary>Whether two defined types are equal (instance and component types: subtypes).</summary>
    public static string? Def(DefType actual, DefType expected, Bindings map)
    {
        if (map.Equal.Contains((actual, expected)))
        {
            return null;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var difference = Compare(actual, expected, map);
        if (difference is null)
        {
            map.Equal.Add((actual, expected));
        }

        return difference;
    }

    private static string? Compare(DefType actual, DefType expected, Bindings map)
    {
        switch (expected, actual)
        {
            case (PrimDef e, PrimDef a):
                return e.Kind == a.Kind ? null : Mismatch(expected, actual);
            case (RecordDef e, RecordDef a):
                if (e.Fields.Count != a.Fields.Count)
                {
                    return $"expected a record of {e.Fields.Count} fields, found one of {a.Fields.Count}";
                }

                for (var i = 0; i < e.Fields.Count; i++)
                {
                    if (e.Fields[i].Name != a.Fields[i].Name)
                    {
                        return $"expected record field `{e.Fields[i].Name}`, found `{a.Fields[i].Name}`";
                    }

                    if (Value(a.Fields[i].Type, e.Fields[i].Type, map) is { } field)
                    {
                        return field;
                    }
                }

                return null;
            case (VariantDef e, VariantDef a):
                if (e.Cases.Count != a.Cases.Count)
                {
                    return $"expected a variant of {e.Cases.Count} cases, found one of {a.Cases.Count}";
                }

                for (var i = 0; i < e.Cases.Count; i++)
                {
                    if (e.Cases[i].Name != a.Cases[i].Name)
                    {
                        return $"expected variant case `{e.Cases[i].Name}`, found `{a.Cases[i].Name}`";
                    }

                    if (Optional(a.Cases[i].Type, e.Cases[i].Type, map) is { } payload)
                    {
                        return payload;
                    }
                }

                return null;
            case (ListDef e, ListDef a):
                return e.Length != a.Length ? Mismatch(expected, actual) : Value(a.Element, e.Element, map);
            case (TupleDef e, TupleDef a):
                if (e.Types.Count != a.Types.Count)
                {
                    return $"expected a tuple of {e.Types.Count} types, found one of {a.Types.Count}";
                }

                for (var i = 0; i < e.Types.Count; i++)
                {
                    if (Value(a.Types[i], e.Types[i], map) is { } element)
                    {
                        return element;
                    }
                }

                return null;
            case (FlagsDef e, FlagsDef a):
                return e.Names.SequenceEqual(a.Names) ? null : Mismatch(expected, actual);
            case (EnumDef e, EnumDef a):
                return e.Cases.SequenceEqual(a.Cases) ? null : Mismatch(expected, actual);
            case (OptionDef e, OptionDef a):
                return Value(a.Type, e.Type, map);
            case (ResultDef e, ResultDef a):
                return Optional(a.Ok, e.Ok, map) ?? Optional(a.Error, e.Error, map);
            case (MapDef e, MapDef a):
                return Value(a.Key, e.Key, map) ?? Value(a.Value, e.Value, map);
            case (HandleDef e, HandleDef a):
                return e.Own != a.Own ? Mismatch(expected, actual) : Def(a.Resource.Type, e.Resource.Type, map);
            case (AsyncValueDef e, AsyncValueDef a):
                return e.Stream != a.Stream ? Mismatch(expected, actual) : Optional(a.Element, e.Element, map);
            case (ResourceDef e, ResourceDef a):
                return ReferenceEquals(map.Resolve(e.Identity), a.Identity) || map.TryBind(e.Identity, a.Identity)
                    ? null
                    : "resource types are not the same";
            case (FuncDef e, FuncDef a):
                return Func(a, e, map);
            case (InstanceDef e, InstanceDef a):
                return Instance(a, e, map);
            case (ComponentDef e, ComponentDef a):
                return Component(a, e, map);
            case (CoreDef, CoreDef):
                return null;
            default:
                return Mismatch(expected, actual);
        }
    }

    private static string? Func(FuncDef actual, FuncDef expected, Bindings map)
    {
        if (expected.IsAsync != actual.IsAsync)
        {
            return expected.IsAsync ? "expected an async function, found a synchronous one" : "expected a synchronous function, found an async one";
        }

        if (expected.Parameters.Count != actual.Parameters.Count)
        {
            return $"expected {expected.Parameters.Count} parameters, found {actual.Parameters.Count}";
        }

        for (var i = 0; i < expected.Parameters.Count; i++)
        {
            if (expected.Parameters[i].Name != actual.Parameters[i].Name)
            {
                return $"expected parameter named `{expected.Parameters[i].Name}`, found `{actual.Parameters[i].Name}`";
            }

            if (Value(actual.Parameters[i].Type, expected.Parameters[i].Type, map) is { } parameter)
            {
                return $"type mismatch in function parameter `{expected.Parameters[i].Name}`: {parameter}";
            }
        }

        return Optional(actual.Result, expected.Result, map) is { } result ? $"type mismatch with result type: {result}" : null;
    }

    /// <summary>A type export or import: an abstract resource binds, anything else must be equal.</summary>
    private static string? TypeExport(TypeId actual, TypeId expected, Bindings map)
    {
        if (expected.Type is ResourceDef && actual.Type is not ResourceDef)
        {
            return $"expected a resource type, found {actual.Type}";
        }

        return Def(actual.Type, expected.Type, map);
    }

    private static string? Instance(InstanceDef actual, InstanceDef expected, Bindings map)
    {
        foreach (var (name, entity) in expected.Exports)
        {
            if (actual.Export(name) is not { } found)
            {
                return $"missing expected export `{name}`";
            }

            if (Entity(found, entity, map) is { } difference)
            {
                return $"type mismatch in instance export `{name}`: {difference}";
            }
        }

        return null;
    }

    private static string? Component(ComponentDef actual, ComponentDef expected, Bindings map)
    {
        // Imports are contravariant: what the actual component imports, the expected one must import too, at a
        // subtype; the actual component's abstract imported resources are bound by the expected one's.
        var imports = new Bindings(actual.ImportIds, actual.ImportedResources);
        foreach (var (name, entity) in actual.Imports)
        {
            var provided = expected.Imports.FirstOrDefault(i => i.Name == name).Entity;
            if (provided is null)
            {
                return $"type mismatch in import `{name}`: missing import";
            }

            if (Entity(Substitution.Apply(provided, map), entity, imports) is { } difference)
            {
                return $"type mismatch in import `{name}`: {difference}";
            }
        }

        foreach (var (name, entity) in expected.Exports)
        {
            var found = actual.Exports.FirstOrDefault(e => e.Name == name).Entity;
            if (found is null)
            {
                return $"type mismatch in export `{name}`: missing export";
            }

            if (Entity(Substitution.Apply(found, imports), entity, map) is { } difference)
            {
                return $"type mismatch in export `{name}`: {difference}";
            }
        }

        return null;
    }

    private static string? Optional(ValType? actual, ValType? expected, Bindings map) => (expected, actual) switch
    {
        (null, null) => null,
        ({ } e, { } a) => Value(a, e, map),
        (null, _) => "expected no type, found one",
        _ => "expected a type, found none",
    };

    private static string Mismatch(object expected, object actual) => $"expected {expected}, found {actual}";

    private static string Kind(Entity entity) => entity.Sort switch
    {
        Binary.Sort.Function => "func",
        Binary.Sort.Type => "type",
        Binary.Sort.Instance => "instance",
        Binary.Sort.Component => "component",
        Binary.Sort.Value => "value",
        _ => "core module",
    };
}
