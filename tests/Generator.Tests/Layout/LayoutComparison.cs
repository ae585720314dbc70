using WitBindgen.Generator.Specs;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Generator.Tests.Layout;

/// <summary>
/// Compares the generator's <see cref="ShapeSpec"/> of a type with the runtime's <see cref="AbiType"/> of the same
/// type, part by part: kind, size, alignment, flat core types, field offsets, payload offsets and case, flag and
/// element counts. Disagreements are collected as readable lines.
/// </summary>
internal sealed class LayoutComparison
{
    private readonly List<string> _problems = new();

    /// <summary>The disagreements found so far.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The number of type nodes compared (nested parts included).</summary>
    public int Nodes { get; private set; }

    /// <summary>Records a disagreement that is not about one type's layout (e.g. a function's spilling).</summary>
    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>Compares <paramref name="shape"/> with <paramref name="abi"/> and their parts; <paramref name="where"/> names it in messages.</summary>
    public void Compare(ShapeSpec shape, AbiType abi, string where)
    {
        Nodes++;
        where = $"{where} ({shape.WitName})";
        if (!Corresponds(shape.Kind, abi.Kind) || (shape.Kind == ShapeKind.Map) != (abi is AbiMapType))
        {
            _problems.Add($"{where}: generator kind {shape.Kind}, runtime kind {abi.Kind}");
            return;
        }

        Check(where, "size", shape.Size, abi.Size);
        Check(where, "alignment", shape.Align, abi.Alignment);
        if (abi.HasFlatTypes)
        {
            var generator = string.Join(" ", shape.Flat.Select(f => f.ToString()));
            var runtime = string.Join(" ", abi.FlatTypes.ToArray().Select(c => c.ToString()));
            Check(where, "flattening", generator, runtime);
        }
        else if (shape.Flat.Count <= CanonicalAbi.MaxFlatParams)
        {
            _problems.Add($"{where}: generator flattens to {shape.Flat.Count} values, runtime to {abi.FlatCount}");
        }

        switch (abi)
        {
            case AbiProductType product:
                CompareParts(shape, where, product.FieldTypes.Select((t, i) => ((AbiType?)t, product.FieldOffsets[i])).ToList());
                break;
            case AbiSumType sum:
                Check(where, "case count", shape.Count, sum.CaseCount);
                if (sum is not AbiEnumType)
                {
                    Check(where, "payload offset", shape.PayloadOffset, sum.PayloadOffset);
                    CompareParts(shape, where, Enumerable.Range(0, sum.CaseCount).Select(i => (sum.GetCasePayload(i), sum.PayloadOffset)).ToList());
                }

                break;
            case AbiFlagsType flags:
                Check(where, "flag count", shape.Count, flags.Count);
                break;
            case AbiMapType map:
                CompareEntry(shape.Members[0].Shape!, map.Entry, where + " entry");
                break;
            case AbiListType list:
                Compare(shape.Members[0].Shape!, list.Element, where + " element");
                break;
            case AbiFixedListType fixedList:
                Check(where, "length", shape.Count, fixedList.Length);
                Compare(shape.Members[0].Shape!, fixedList.Element, where + " element");
                break;
            case AbiAsyncValueType { Element: { } element }:
                Compare(shape.Members[0].Shape!, element, where + " element");
                break;
        }
    }

    /// <summary>A map entry: the generator shapes it as a KeyValuePair record, the runtime as the tuple it despecialises to.</summary>
    private void CompareEntry(ShapeSpec entry, AbiTupleType tuple, string where)
    {
        Nodes++;
        Check(where, "size", entry.Size, tuple.Size);
        Check(where, "alignment", entry.Align, tuple.Alignment);
        CompareParts(entry, where, tuple.FieldTypes.Select((t, i) => ((AbiType?)t, tuple.FieldOffsets[i])).ToList());
    }

    private void CompareParts(ShapeSpec shape, string where, IReadOnlyList<(AbiType? Type, int Offset)> parts)
    {
        if (shape.Members.Count != parts.Count)
        {
            _problems.Add($"{where}: generator has {shape.Members.Count} parts, runtime {parts.Count}");
            return;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var member = shape.Members[i];
            var part = $"{where}.{member.WitName ?? member.Name}";
            Check(part, "offset", member.Offset, parts[i].Offset);
            if (member.Shape is null || parts[i].Type is null)
            {
                Check(part, "has a payload", member.Shape is not null, parts[i].Type is not null);
            }
            else
            {
                Compare(member.Shape, parts[i].Type!, part);
            }
        }
    }

    private void Check<T>(string where, string what, T generator, T runtime)
    {
        if (!EqualityComparer<T>.Default.Equals(generator, runtime))
        {
            _problems.Add($"{where}: {what} is {generator} in the generator, {runtime} in the runtime");
        }
    }

    /// <summary>The runtime kind a shape kind is described by (flags of any width, nested options and maps are plain kinds there).</summary>
    private static bool Corresponds(ShapeKind shape, AbiTypeKind abi) => shape switch
    {
        ShapeKind.WideFlags => abi == AbiTypeKind.Flags,
        ShapeKind.NestedOption => abi == AbiTypeKind.Option,
        ShapeKind.Map => abi == AbiTypeKind.List,
        _ => Enum.TryParse<AbiTypeKind>(shape.ToString(), out var same) && same == abi,
    };
}
