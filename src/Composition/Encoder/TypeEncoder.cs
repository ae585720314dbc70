using WitBindgen.Runtime.Binary;

namespace WitBindgen.Composition.Encoder;

/// <summary>
/// Writes the type definitions of a package's component (as the runtime's reader decoded them) back to their binary
/// form for another component. Indices of the package's own type index space (depth 0) go through a mapping to the
/// target's; indices inside component and instance types are local to them and stay, except outer aliases that reach
/// the package's scope, which are mapped too. When an instance type's declarations are rewritten one by one (merged
/// with another's, see <see cref="InstanceTypeMerger"/>), indices of that scope (depth 1) go through a second mapping.
/// </summary>
internal sealed class TypeEncoder
{
    private readonly Func<uint, uint> _mapType;
    private readonly Func<uint, uint>? _mapScope;
    private readonly string _context;

    /// <param name="mapType">Maps an index of the package's type index space to the target component's.</param>
    /// <param name="context">Names the package and import, for errors about what cannot be copied.</param>
    /// <param name="mapScope">Maps the type indices of the instance type being rewritten (depth 1), if one is.</param>
    public TypeEncoder(Func<uint, uint> mapType, string context, Func<uint, uint>? mapScope = null)
    {
        _mapType = mapType;
        _context = context;
        _mapScope = mapScope;
    }

    /// <summary>Writes a <c>deftype</c>; <paramref name="depth"/> is the number of type scopes between it and the package.</summary>
    public void DefinedType(ByteWriter w, DefinedType type, int depth)
    {
        switch (type)
        {
            case InstanceType instance:
                w.Byte(0x42).U32((uint)instance.Declarations.Count);
                foreach (var declaration in instance.Declarations)
                {
                    Declaration(w, declaration, depth + 1);
                }

                break;
            case ComponentType component:
                w.Byte(0x41).U32((uint)component.Declarations.Count);
                foreach (var declaration in component.Declarations)
                {
                    Declaration(w, declaration, depth + 1);
                }

                break;
            case FunctionType function:
                w.Byte(function.IsAsync ? (byte)0x43 : (byte)0x40);
                LabeledList(w, function.Parameters, depth);
                if (function.Result is { } result)
                {
                    w.Byte(0x00);
                    ValueType(w, result, depth);
                }
                else
                {
                    w.Byte(0x01).Byte(0x00);
                }

                break;
            case DefinedValueType value:
                ValueTypeDefinition(w, value, depth);
                break;
            default:
                throw Unsupported($"a {type.Describe()} type");
        }
    }

    /// <summary>Writes an <c>externtype</c>.</summary>
    public void ExternType(ByteWriter w, ExternType type, int depth)
    {
        switch (type)
        {
            case FunctionExternType function:
                w.Byte(0x01).U32(Type(function.TypeIndex, depth));
                break;
            case TypeExternType { Bound: var bound }:
                w.Byte(0x03);
                if (bound.EqualTypeIndex is { } equal)
                {
                    w.Byte(0x00).U32(Type(equal, depth));
                }
                else
                {
                    w.Byte(0x01);
                }

                break;
            case ComponentExternType component:
                w.Byte(0x04).U32(Type(component.TypeIndex, depth));
                break;
            case InstanceExternType instance:
                w.Byte(0x05).U32(Type(instance.TypeIndex, depth));
                break;
            default:
                throw Unsupported($"an import or export of type {type.Describe()}");
        }
    }

    /// <summary>Writes <c>nameattributes</c>: the plain form, or the attributed one when the name carries attributes.</summary>
    public static void NameAttributes(ByteWriter w, ExternName name)
    {
        if (name.Implements is null && name.VersionSuffix is null && name.ExternalId is null)
        {
            w.Byte(0x00).Name(name.Name);
            return;
        }

        var count = (name.Implements is null ? 0u : 1) + (name.VersionSuffix is null ? 0u : 1) + (name.ExternalId is null ? 0u : 1);
        w.Byte(0x02).Name(name.Name).U32(count);
        if (name.Implements is { } implements)
        {
            w.Byte(0x00).Name(implements);
        }

        if (name.VersionSuffix is { } suffix)
        {
            w.Byte(0x01).Name(suffix);
        }

        if (name.ExternalId is { } id)
        {
            w.Byte(0x02).Name(id);
        }
    }

    private void Declaration(ByteWriter w, Declaration declaration, int depth)
    {
        switch (declaration)
        {
            case TypeDeclaration { Type: var type }:
                w.Byte(0x01);
                DefinedType(w, type, depth);
                break;
            case AliasDeclaration { Alias: OuterAlias outer }:
                w.Byte(0x02).Sort(outer.Sort).Byte(0x02).U32(outer.Count);
                w.U32(OuterAliasTarget(outer, depth));
                break;
            case AliasDeclaration { Alias: InstanceExportAlias export }:
                w.Byte(0x02).Sort(export.Sort).Byte(0x00).U32(export.InstanceIndex).Name(export.Name);
                break;
            case ImportDeclaration import:
                w.Byte(0x03);
                NameAttributes(w, import.Name);
                ExternType(w, import.Type, depth);
                break;
            case ExportDeclaration export:
                w.Byte(0x04);
                NameAttributes(w, export.Name);
                ExternType(w, export.Type, depth);
                break;
            default:
                throw Unsupported($"a {declaration.Describe()}");
        }
    }

    private void ValueTypeDefinition(ByteWriter w, DefinedValueType type, int depth)
    {
        switch (type)
        {
            case PrimitiveValueType primitive:
                Primitive(w, primitive.Type);
                break;
            case RecordType record:
                w.Byte(0x72);
                LabeledList(w, record.Fields, depth);
                break;
            case VariantType variant:
                w.Byte(0x71).U32((uint)variant.Cases.Count);
                foreach (var @case in variant.Cases)
                {
                    w.Name(@case.Name);
                    Optional(w, @case.Type, depth);
                    w.Byte(0x00);
                }

                break;
            case ListType list:
                w.Byte(0x70);
                ValueType(w, list.Element, depth);
                break;
            case FixedSizeListType fixedList:
                w.Byte(0x67);
                ValueType(w, fixedList.Element, depth);
                w.U32(fixedList.Length);
                break;
            case TupleType tuple:
                w.Byte(0x6f).U32((uint)tuple.Types.Count);
                foreach (var element in tuple.Types)
                {
                    ValueType(w, element, depth);
                }

                break;
            case FlagsType flags:
                w.Byte(0x6e);
                Labels(w, flags.Names);
                break;
            case EnumType enumeration:
                w.Byte(0x6d);
                Labels(w, enumeration.Cases);
                break;
            case OptionType option:
                w.Byte(0x6b);
                ValueType(w, option.Type, depth);
                break;
            case ResultType result:
                w.Byte(0x6a);
                Optional(w, result.Ok, depth);
                Optional(w, result.Error, depth);
                break;
            case OwnType own:
                w.Byte(0x69).U32(Type(own.ResourceTypeIndex, depth));
                break;
            case BorrowType borrow:
                w.Byte(0x68).U32(Type(borrow.ResourceTypeIndex, depth));
                break;
            case StreamType stream:
                w.Byte(0x66);
                Optional(w, stream.Element, depth);
                break;
            case FutureType future:
                w.Byte(0x65);
                Optional(w, future.Element, depth);
                break;
            case MapType map:
                w.Byte(0x63);
                ValueType(w, map.Key, depth);
                ValueType(w, map.Value, depth);
                break;
            default:
                throw Unsupported($"a {type.Describe()} type");
        }
    }

    private void ValueType(ByteWriter w, ValueTypeReference type, int depth)
    {
        if (type.Primitive is { } primitive)
        {
            Primitive(w, primitive);
        }
        else
        {
            w.S33(Type(type.TypeIndex, depth));
        }
    }

    private void Optional(ByteWriter w, ValueTypeReference? type, int depth)
    {
        if (type is { } present)
        {
            w.Byte(0x01);
            ValueType(w, present, depth);
        }
        else
        {
            w.Byte(0x00);
        }
    }

    private void LabeledList(ByteWriter w, IReadOnlyList<LabeledValueType> list, int depth)
    {
        w.U32((uint)list.Count);
        foreach (var item in list)
        {
            w.Name(item.Name);
            ValueType(w, item.Type, depth);
        }
    }

    private static void Labels(ByteWriter w, IReadOnlyList<string> labels)
    {
        w.U32((uint)labels.Count);
        foreach (var label in labels)
        {
            w.Name(label);
        }
    }

    private static void Primitive(ByteWriter w, PrimitiveType type) =>
        w.Byte(type == PrimitiveType.ErrorContext ? (byte)0x64 : (byte)(0x7f - (int)type));

    /// <summary>The index an outer alias at <paramref name="depth"/> names, mapped when it reaches a mapped scope.</summary>
    public uint OuterAliasTarget(OuterAlias outer, int depth)
    {
        if (outer.Count > depth)
        {
            throw Unsupported("an outer alias beyond the component");
        }

        var target = depth - (int)outer.Count;
        if (target > 1 || (target == 1 && _mapScope is null))
        {
            return outer.Index;
        }

        return outer.Sort == Sort.Type
            ? Type(outer.Index, target)
            : throw Unsupported($"an outer alias of a {outer.Sort.ToText()}");
    }

    private uint Type(uint index, int depth) => depth switch
    {
        0 => _mapType(index),
        1 when _mapScope is not null => _mapScope(index),
        _ => index,
    };

    private CompositionEncodingException Unsupported(string what) =>
        new($"{_context}: its type uses {what}, which the encoder does not copy");
}
