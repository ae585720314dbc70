using System.Globalization;
using WitBindgen.Generator.Specs;
using WitBindgen.Shared;

namespace WitBindgen.Generator.Emit;

/// <summary>
/// Writes the lifting and lowering code of one world's guest bindings from the shapes the spec decided once (layout,
/// flattening, offsets): scalars inline, every other shape as up to four methods of the world's ABI class
/// (<c>Lower</c>/<c>Lift</c> over flat values, <c>Store</c>/<c>Load</c> over linear memory). Flat values are raw
/// 64-bit slots (<c>i32</c> zero-extended, floats as their bits), so a variant's joined slots need no conversion.
/// Lifting takes ownership: it frees the string and list blocks it reads (the host allocated them through
/// <c>cabi_realloc</c>); lowering allocates through <c>GuestMemory.Allocate</c>, freed after the import call or at the
/// export's post-return.
/// </summary>
internal sealed class GuestMarshalWriter
{
    /// <summary>The alias of the support namespace the world file declares.</summary>
    public const string G = "_G::";

    private const string Mem = G + "GuestMemory";

    private readonly bool _utf16;
    private readonly Dictionary<ShapeSpec, int> _ids = new();
    private readonly List<ShapeSpec> _order = new();
    private readonly List<Uses> _uses = new();
    private readonly List<Uses> _written = new();

    private readonly IReadOnlyDictionary<string, GuestHandleMethods> _handles;

    /// <summary>A writer for <paramref name="utf16"/> strings; <paramref name="handles"/> names the handle methods of each resource class.</summary>
    public GuestMarshalWriter(bool utf16, IReadOnlyDictionary<string, GuestHandleMethods> handles)
    {
        _utf16 = utf16;
        _handles = handles;
    }

    /// <summary>The ABI class method turning a handle of <paramref name="shape"/> (<c>own</c> or <c>borrow</c>) into an <c>i32</c>, or back.</summary>
    private string HandleMethod(ShapeSpec shape, bool lower)
    {
        if (!_handles.TryGetValue(shape.Type, out var m))
        {
            throw new InvalidOperationException("no resource class for " + shape.WitName);
        }

        return shape.Kind == ShapeKind.Own ? (lower ? m.LowerOwn : m.LiftOwn) : (lower ? m.LowerBorrow : m.LiftBorrow);
    }

    private static bool IsHandle(ShapeSpec shape) => shape.Kind is ShapeKind.Own or ShapeKind.Borrow;

    [Flags]
    private enum Uses
    {
        None = 0,
        Lower = 1,
        Lift = 2,
        Store = 4,
        Load = 8,
        Buffer = 16,
    }

    private bool _bytes;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private string Use(ShapeSpec shape, Uses use)
    {
        if (!_ids.TryGetValue(shape, out var id))
        {
            id = _order.Count;
            _ids[shape] = id;
            _order.Add(shape);
            _uses.Add(Uses.None);
            _written.Add(Uses.None);
        }

        _uses[id] |= use;
        return N(id);
    }

    /// <summary><paramref name="pointer"/> + <paramref name="offset"/>, as a <c>uint</c> expression.</summary>
    public static string Add(string pointer, long offset) => offset == 0 ? pointer : $"{pointer} + {N(offset)}u";

    // ---- call sites: slots s, index i ------------------------------------------------------------

    /// <summary>A statement lowering <paramref name="value"/> into the slots <paramref name="s"/> from index <paramref name="i"/> on.</summary>
    public string Lower(ShapeSpec shape, string value, string s = "s", string i = "i") => shape.IsScalar
        ? $"{s}[{i}++] = {LowerScalar(shape.Kind, value)};"
        : IsHandle(shape)
            ? $"{s}[{i}++] = {G}Flat.FromI32({HandleMethod(shape, lower: true)}({value}));"
            : $"Lower{Use(shape, Uses.Lower)}({value}, {s}, ref {i});";

    /// <summary>An expression lifting a value from the slots <paramref name="s"/> from index <paramref name="i"/> on.</summary>
    public string Lift(ShapeSpec shape, string s = "s", string i = "i") => shape.IsScalar
        ? LiftScalar(shape.Kind, $"{s}[{i}++]")
        : IsHandle(shape)
            ? $"{HandleMethod(shape, lower: false)}({G}Flat.I32({s}[{i}++]))"
            : $"Lift{Use(shape, Uses.Lift)}({s}, ref {i})";

    /// <summary>A statement storing <paramref name="value"/> at guest address <paramref name="pointer"/>.</summary>
    public string Store(ShapeSpec shape, string value, string pointer) => shape.Kind switch
    {
        ShapeKind.Bool => $"{Mem}.Write<byte>({pointer}, (byte)({value} ? 1 : 0));",
        ShapeKind.Char => $"{Mem}.Write<uint>({pointer}, unchecked((uint)({value}).Value));",
        _ when shape.IsScalar => $"{Mem}.Write<{shape.Type}>({pointer}, {value});",
        ShapeKind.Own or ShapeKind.Borrow => $"{Mem}.Write<int>({pointer}, {HandleMethod(shape, lower: true)}({value}));",
        _ => $"Store{Use(shape, Uses.Store)}({value}, {pointer});",
    };

    /// <summary>An expression loading (and taking ownership of) a value at guest address <paramref name="pointer"/>.</summary>
    public string Load(ShapeSpec shape, string pointer) => shape.Kind switch
    {
        ShapeKind.Bool => $"({Mem}.Read<byte>({pointer}) != 0)",
        ShapeKind.Char => $"new global::System.Text.Rune({Mem}.Read<uint>({pointer}))",
        _ when shape.IsScalar => $"{Mem}.Read<{shape.Type}>({pointer})",
        ShapeKind.Own or ShapeKind.Borrow => $"{HandleMethod(shape, lower: false)}({Mem}.Read<int>({pointer}))",
        _ => $"Load{Use(shape, Uses.Load)}({pointer})",
    };

    /// <summary>The raw slot of a scalar <paramref name="value"/>.</summary>
    public static string LowerScalar(ShapeKind kind, string value) => kind switch
    {
        ShapeKind.Bool => $"({value} ? 1UL : 0UL)",
        ShapeKind.S8 or ShapeKind.S16 or ShapeKind.S32 => $"unchecked((ulong)(uint)(int)({value}))",
        ShapeKind.U8 or ShapeKind.U16 or ShapeKind.U32 => $"(ulong)({value})",
        ShapeKind.S64 => $"unchecked((ulong)({value}))",
        ShapeKind.U64 => value,
        ShapeKind.F32 => $"(ulong)global::System.BitConverter.SingleToUInt32Bits({value})",
        ShapeKind.F64 => $"global::System.BitConverter.DoubleToUInt64Bits({value})",
        ShapeKind.Char => $"unchecked((ulong)(uint)({value}).Value)",
        _ => throw new InvalidOperationException("not a scalar: " + kind),
    };

    /// <summary>A scalar lifted from the raw slot <paramref name="raw"/>.</summary>
    public static string LiftScalar(ShapeKind kind, string raw) => kind switch
    {
        ShapeKind.Bool => $"(unchecked((uint){raw}) != 0)",
        ShapeKind.S8 => $"unchecked((sbyte){raw})",
        ShapeKind.U8 => $"unchecked((byte){raw})",
        ShapeKind.S16 => $"unchecked((short){raw})",
        ShapeKind.U16 => $"unchecked((ushort){raw})",
        ShapeKind.S32 => $"unchecked((int){raw})",
        ShapeKind.U32 => $"unchecked((uint){raw})",
        ShapeKind.S64 => $"unchecked((long){raw})",
        ShapeKind.U64 => raw,
        ShapeKind.F32 => $"global::System.BitConverter.UInt32BitsToSingle(unchecked((uint){raw}))",
        ShapeKind.F64 => $"global::System.BitConverter.UInt64BitsToDouble({raw})",
        ShapeKind.Char => $"new global::System.Text.Rune(unchecked((uint){raw}))",
        _ => throw new InvalidOperationException("not a scalar: " + kind),
    };

    /// <summary>The C# type of a core value.</summary>
    public static string CoreType(FlatType flat) => flat switch
    {
        FlatType.I32 => "int",
        FlatType.I64 => "long",
        FlatType.F32 => "float",
        _ => "double",
    };

    /// <summary>The raw slot of the core value <paramref name="value"/>.</summary>
    public static string ToRaw(FlatType flat, string value) => $"{G}Flat.From{Suffix(flat)}({value})";

    /// <summary>The core value of the raw slot <paramref name="raw"/>.</summary>
    public static string FromRaw(FlatType flat, string raw) => $"{G}Flat.{Suffix(flat)}({raw})";

    private static string Suffix(FlatType flat) => flat switch
    {
        FlatType.I32 => "I32",
        FlatType.I64 => "I64",
        FlatType.F32 => "F32",
        _ => "F64",
    };

    // ---- the methods ------------------------------------------------------------------------------

    /// <summary>Writes every method the call sites (and the methods themselves) use.</summary>
    public void WriteMethods(SourceWriter w)
    {
        for (var pass = true; pass;)
        {
            pass = false;
            for (var k = 0; k < _order.Count; k++)
            {
                var missing = _uses[k] & ~_written[k];
                if (missing == Uses.None)
                {
                    continue;
                }

                _written[k] |= missing;
                pass = true;
                var shape = _order[k];
                var id = N(k);
                if ((missing & Uses.Lower) != 0)
                {
                    w.WriteLine();
                    w.WriteLine($"private static void Lower{id}({shape.Type} v, global::System.Span<ulong> s, ref int i)");
                    w.OpenBlock();
                    WriteLower(w, shape);
                    w.CloseBlock();
                }

                if ((missing & Uses.Lift) != 0)
                {
                    w.WriteLine();
                    w.WriteLine($"private static {shape.Type} Lift{id}(global::System.ReadOnlySpan<ulong> s, ref int i)");
                    w.OpenBlock();
                    WriteLift(w, shape);
                    w.CloseBlock();
                }

                if ((missing & Uses.Store) != 0)
                {
                    w.WriteLine();
                    w.WriteLine($"private static void Store{id}({shape.Type} v, uint p)");
                    w.OpenBlock();
                    WriteStore(w, shape);
                    w.CloseBlock();
                }

                if ((missing & Uses.Load) != 0)
                {
                    w.WriteLine();
                    w.WriteLine($"private static {shape.Type} Load{id}(uint p)");
                    w.OpenBlock();
                    WriteLoad(w, shape);
                    w.CloseBlock();
                }

                if ((missing & Uses.Buffer) != 0)
                {
                    if (shape.Kind == ShapeKind.Map)
                    {
                        WriteMapBuffers(w, shape, id);
                    }
                    else
                    {
                        WriteListBuffers(w, shape, id);
                    }
                }
            }
        }
    }

    private string LowerStringCall => _utf16 ? $"{Mem}.LowerStringUtf16" : $"{Mem}.LowerStringUtf8";

    private string LiftStringCall => _utf16 ? $"{Mem}.LiftStringUtf16" : $"{Mem}.LiftStringUtf8";

    private static ShapeSpec Element(ShapeSpec list) => list.Members[0].Shape!;

    private static bool IsBytes(ShapeSpec list) => Element(list).Kind == ShapeKind.U8;

    private void WriteLower(SourceWriter w, ShapeSpec shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"var (pointer, length) = {ListLowering(shape)};");
                w.WriteLine("s[i++] = pointer;");
                w.WriteLine("s[i++] = length;");
                break;
            case ShapeKind.FixedList:
                WriteLengthCheck(w, shape);
                w.WriteLine("for (var k = 0; k < v.Length; k++)");
                w.OpenBlock();
                w.WriteLine(Lower(Element(shape), "v[k]"));
                w.CloseBlock();
                break;
            case ShapeKind.Record:
            case ShapeKind.Tuple:
                foreach (var m in shape.Members)
                {
                    w.WriteLine(Lower(m.Shape!, "v." + m.Name));
                }

                break;
            case ShapeKind.Enum:
                w.WriteLine("s[i++] = unchecked((uint)v);");
                break;
            case ShapeKind.Flags when shape.Flat.Count == 1:
                w.WriteLine("s[i++] = unchecked((uint)v);");
                break;
            case ShapeKind.Flags:
                w.WriteLine("var bits = unchecked((ulong)v);");
                w.WriteLine("s[i++] = bits & 0xFFFFFFFFUL;");
                w.WriteLine("s[i++] = bits >> 32;");
                break;
            case ShapeKind.WideFlags:
                for (var k = 0; k < shape.Flat.Count; k++)
                {
                    var word = "v." + shape.Members[k / 2].Name;
                    w.WriteLine(k % 2 == 0 ? $"s[i++] = {word} & 0xFFFFFFFFUL;" : $"s[i++] = {word} >> 32;");
                }

                break;
            default:
                WriteSumLower(w, shape);
                break;
        }
    }

    private string ListLowering(ShapeSpec shape)
    {
        if (shape.Kind == ShapeKind.String)
        {
            return $"{LowerStringCall}(v)";
        }

        if (shape.Kind == ShapeKind.Map)
        {
            return $"LowerMap{Use(shape, Uses.Buffer)}(v)";
        }

        if (IsBytes(shape))
        {
            _bytes = true;
            return "LowerBytes(v)";
        }

        return $"LowerList{Use(shape, Uses.Buffer)}(v)";
    }

    private void WriteSumLower(SourceWriter w, ShapeSpec shape)
    {
        w.WriteLine("var start = i;");
        switch (shape.Kind)
        {
            case ShapeKind.Option:
                w.WriteLine("if (v is { } some)");
                w.OpenBlock();
                w.WriteLine("s[i++] = 1;");
                w.WriteLine(Lower(shape.Members[1].Shape!, "some"));
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine("s[i++] = 0;");
                w.CloseBlock();
                break;
            case ShapeKind.NestedOption:
                w.WriteLine("if (v.HasValue)");
                w.OpenBlock();
                w.WriteLine("s[i++] = 1;");
                w.WriteLine(Lower(shape.Members[1].Shape!, "v.Value"));
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine("s[i++] = 0;");
                w.CloseBlock();
                break;
            case ShapeKind.Result:
                w.WriteLine("if (v.IsOk)");
                w.OpenBlock();
                w.WriteLine("s[i++] = 0;");
                if (shape.Members[0].Shape is { } ok)
                {
                    w.WriteLine(Lower(ok, "v.Ok"));
                }

                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine("s[i++] = 1;");
                if (shape.Members[1].Shape is { } err)
                {
                    w.WriteLine(Lower(err, "v.Err"));
                }

                w.CloseBlock();
                break;
            default:
                w.WriteLine("switch (v)");
                w.OpenBlock();
                for (var k = 0; k < shape.Members.Count; k++)
                {
                    var c = shape.Members[k];
                    w.WriteLine(c.Shape is null ? $"case {c.Name}:" : $"case {c.Name} c{N(k)}:");
                    w.Indent();
                    w.WriteLine($"s[i++] = {N(k)};");
                    if (c.Shape is { } payload)
                    {
                        w.WriteLine(Lower(payload, $"c{N(k)}.Value"));
                    }

                    w.WriteLine("break;");
                    w.Unindent();
                }

                w.WriteLine("default:");
                w.Indent();
                w.WriteLine($"throw new global::System.ArgumentException(\"not a case of {shape.WitName.Replace("'", string.Empty)}\", nameof(v));");
                w.Unindent();
                w.CloseBlock();
                break;
        }

        // The cases that flatten to fewer slots leave the rest zero.
        w.WriteLine($"while (i < start + {N(shape.Flat.Count)})");
        w.OpenBlock();
        w.WriteLine("s[i++] = 0;");
        w.CloseBlock();
    }

    private void WriteLift(SourceWriter w, ShapeSpec shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine("var pointer = unchecked((uint)s[i++]);");
                w.WriteLine("var length = unchecked((uint)s[i++]);");
                w.WriteLine($"return {ListLifting(shape, "pointer", "length")};");
                break;
            case ShapeKind.FixedList:
                w.WriteLine($"var v = {Mem}.NewArray<{Element(shape).Type}>({N(shape.Count)});");
                w.WriteLine("for (var k = 0; k < v.Length; k++)");
                w.OpenBlock();
                w.WriteLine($"v[k] = {Lift(Element(shape))};");
                w.CloseBlock();
                w.WriteLine();
                w.WriteLine("return v;");
                break;
            case ShapeKind.Record:
            case ShapeKind.Tuple:
                for (var k = 0; k < shape.Members.Count; k++)
                {
                    w.WriteLine($"var f{N(k)} = {Lift(shape.Members[k].Shape!)};");
                }

                w.WriteLine($"return {Construct(shape, shape.Members.Select((_, k) => "f" + N(k)))};");
                break;
            case ShapeKind.Enum:
            case ShapeKind.Flags when shape.Flat.Count == 1:
                w.WriteLine($"return ({shape.Type})unchecked((uint)s[i++]);");
                break;
            case ShapeKind.Flags:
                w.WriteLine("var low = s[i++] & 0xFFFFFFFFUL;");
                w.WriteLine("var high = s[i++] & 0xFFFFFFFFUL;");
                w.WriteLine($"return ({shape.Type})(low | (high << 32));");
                break;
            case ShapeKind.WideFlags:
                for (var k = 0; k < shape.Members.Count; k++)
                {
                    var high = 2 * k + 1 < shape.Flat.Count ? " | ((s[i++] & 0xFFFFFFFFUL) << 32)" : string.Empty;
                    w.WriteLine($"var w{N(k)} = (s[i++] & 0xFFFFFFFFUL){high};");
                }

                w.WriteLine($"return new {shape.Type}({string.Join(", ", shape.Members.Select((_, k) => "w" + N(k)))});");
                break;
            default:
                w.WriteLine("var start = i;");
                w.WriteLine("var d = unchecked((uint)s[i++]);");
                w.WriteLine($"{shape.Type} r;");
                WriteCases(w, shape, "d", payload => Lift(payload));
                w.WriteLine($"i = start + {N(shape.Flat.Count)};");
                w.WriteLine("return r;");
                break;
        }
    }

    /// <summary>Assigns <c>r</c> the case of discriminant <paramref name="d"/>, its payload from <paramref name="payload"/>.</summary>
    private static void WriteCases(SourceWriter w, ShapeSpec shape, string d, Func<ShapeSpec, string> payload)
    {
        string Of(int k) => shape.Members[k].Shape is { } p ? payload(p) : $"default({UnitType})";
        switch (shape.Kind)
        {
            case ShapeKind.Option:
                w.WriteLine($"r = {d} == 0 ? default({shape.Type}) : {payload(shape.Members[1].Shape!)};");
                return;
            case ShapeKind.NestedOption:
                w.WriteLine($"r = {d} == 0 ? default({shape.Type}) : new {shape.Type}({payload(shape.Members[1].Shape!)});");
                return;
            case ShapeKind.Result:
                w.WriteLine($"r = {d} == 0 ? {shape.Type}.FromOk({Of(0)}) : {shape.Type}.FromErr({Of(1)});");
                return;
        }

        w.WriteLine($"switch ({d})");
        w.OpenBlock();
        for (var k = 0; k < shape.Members.Count; k++)
        {
            var c = shape.Members[k];
            w.WriteLine($"case {N(k)}:");
            w.Indent();
            w.WriteLine(c.Shape is { } p ? $"r = new {c.Name}({payload(p)});" : $"r = new {c.Name}();");
            w.WriteLine("break;");
            w.Unindent();
        }

        w.WriteLine("default:");
        w.Indent();
        w.WriteLine($"throw new global::System.InvalidOperationException(\"invalid discriminant of {shape.WitName.Replace("'", string.Empty)}\");");
        w.Unindent();
        w.CloseBlock();
    }

    private const string UnitType = "global::WitBindgen.Guest.Unit";

    private string ListLifting(ShapeSpec shape, string pointer, string length)
    {
        if (shape.Kind == ShapeKind.String)
        {
            return $"{LiftStringCall}({pointer}, {length})";
        }

        if (shape.Kind == ShapeKind.Map)
        {
            return $"LiftMap{Use(shape, Uses.Buffer)}({pointer}, {length})";
        }

        if (IsBytes(shape))
        {
            _bytes = true;
            return $"LiftBytes({pointer}, {length})";
        }

        return $"LiftList{Use(shape, Uses.Buffer)}({pointer}, {length})";
    }

    private static string Construct(ShapeSpec shape, IEnumerable<string> parts)
    {
        var list = parts.ToList();
        if (shape.Kind == ShapeKind.Tuple && list.Count > 1)
        {
            return $"(({shape.Type})({string.Join(", ", list)}))";
        }

        return $"new {shape.Type}({string.Join(", ", list)})";
    }

    private void WriteStore(SourceWriter w, ShapeSpec shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"var (pointer, length) = {ListLowering(shape)};");
                w.WriteLine($"{Mem}.Write<uint>(p, pointer);");
                w.WriteLine($"{Mem}.Write<uint>(p + 4u, length);");
                break;
            case ShapeKind.FixedList:
                WriteLengthCheck(w, shape);
                w.WriteLine("for (var k = 0; k < v.Length; k++)");
                w.OpenBlock();
                w.WriteLine(Store(Element(shape), "v[k]", $"p + (uint)k * {N(Element(shape).Size)}u"));
                w.CloseBlock();
                break;
            case ShapeKind.Record:
            case ShapeKind.Tuple:
                foreach (var m in shape.Members)
                {
                    w.WriteLine(Store(m.Shape!, "v." + m.Name, Add("p", m.Offset)));
                }

                break;
            case ShapeKind.Enum:
            case ShapeKind.Flags:
                w.WriteLine($"{Mem}.Write<{Unsigned(shape.Size)}>(p, unchecked(({Unsigned(shape.Size)})v));");
                break;
            case ShapeKind.WideFlags:
                for (var k = 0; k < shape.Flat.Count; k++)
                {
                    var word = "v." + shape.Members[k / 2].Name;
                    var value = k % 2 == 0 ? $"unchecked((uint){word})" : $"(uint)({word} >> 32)";
                    w.WriteLine($"{Mem}.Write<uint>({Add("p", 4 * k)}, {value});");
                }

                break;
            default:
                WriteSumStore(w, shape);
                break;
        }
    }

    private static string Unsigned(int size) => size switch
    {
        1 => "byte",
        2 => "ushort",
        4 => "uint",
        _ => "ulong",
    };

    private void WriteSumStore(SourceWriter w, ShapeSpec shape)
    {
        var disc = Unsigned(shape.DiscriminantSize);
        var payloadAt = Add("p", shape.PayloadOffset);
        void Case(int k, string? value)
        {
            w.WriteLine($"{Mem}.Write<{disc}>(p, {N(k)});");
            if (value is not null && shape.Members[k].Shape is { } payload)
            {
                w.WriteLine(Store(payload, value, payloadAt));
            }
        }

        switch (shape.Kind)
        {
            case ShapeKind.Option:
            case ShapeKind.NestedOption:
                w.WriteLine(shape.Kind == ShapeKind.Option ? "if (v is { } some)" : "if (v.HasValue)");
                w.OpenBlock();
                Case(1, shape.Kind == ShapeKind.Option ? "some" : "v.Value");
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                Case(0, null);
                w.CloseBlock();
                break;
            case ShapeKind.Result:
                w.WriteLine("if (v.IsOk)");
                w.OpenBlock();
                Case(0, "v.Ok");
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                Case(1, "v.Err");
                w.CloseBlock();
                break;
            default:
                w.WriteLine("switch (v)");
                w.OpenBlock();
                for (var k = 0; k < shape.Members.Count; k++)
                {
                    var c = shape.Members[k];
                    w.WriteLine(c.Shape is null ? $"case {c.Name}:" : $"case {c.Name} c{N(k)}:");
                    w.Indent();
                    Case(k, $"c{N(k)}.Value");
                    w.WriteLine("break;");
                    w.Unindent();
                }

                w.WriteLine("default:");
                w.Indent();
                w.WriteLine($"throw new global::System.ArgumentException(\"not a case of {shape.WitName.Replace("'", string.Empty)}\", nameof(v));");
                w.Unindent();
                w.CloseBlock();
                break;
        }
    }

    private void WriteLoad(SourceWriter w, ShapeSpec shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"return {ListLifting(shape, $"{Mem}.Read<uint>(p)", $"{Mem}.Read<uint>(p + 4u)")};");
                break;
            case ShapeKind.FixedList:
                w.WriteLine($"var v = {Mem}.NewArray<{Element(shape).Type}>({N(shape.Count)});");
                w.WriteLine("for (var k = 0; k < v.Length; k++)");
                w.OpenBlock();
                w.WriteLine($"v[k] = {Load(Element(shape), $"p + (uint)k * {N(Element(shape).Size)}u")};");
                w.CloseBlock();
                w.WriteLine();
                w.WriteLine("return v;");
                break;
            case ShapeKind.Record:
            case ShapeKind.Tuple:
                for (var k = 0; k < shape.Members.Count; k++)
                {
                    var m = shape.Members[k];
                    w.WriteLine($"var f{N(k)} = {Load(m.Shape!, Add("p", m.Offset))};");
                }

                w.WriteLine($"return {Construct(shape, shape.Members.Select((_, k) => "f" + N(k)))};");
                break;
            case ShapeKind.Enum:
            case ShapeKind.Flags:
                w.WriteLine($"return ({shape.Type}){Mem}.Read<{Unsigned(shape.Size)}>(p);");
                break;
            case ShapeKind.WideFlags:
                for (var k = 0; k < shape.Members.Count; k++)
                {
                    var high = 2 * k + 1 < shape.Flat.Count ? $" | ((ulong){Mem}.Read<uint>({Add("p", 4 * (2 * k + 1))}) << 32)" : string.Empty;
                    w.WriteLine($"var w{N(k)} = (ulong){Mem}.Read<uint>({Add("p", 8 * k)}){high};");
                }

                w.WriteLine($"return new {shape.Type}({string.Join(", ", shape.Members.Select((_, k) => "w" + N(k)))});");
                break;
            default:
                w.WriteLine($"var d = (uint){Mem}.Read<{Unsigned(shape.DiscriminantSize)}>(p);");
                w.WriteLine($"{shape.Type} r;");
                WriteCases(w, shape, "d", payload => Load(payload, Add("p", shape.PayloadOffset)));
                w.WriteLine("return r;");
                break;
        }
    }

    /// <summary>Writes the element-wise lowering into a new block, and lifting from one, of a list shape.</summary>
    private void WriteListBuffers(SourceWriter w, ShapeSpec list, string id)
    {
        var e = Element(list);
        var size = N(e.Size);
        w.WriteLine();
        w.WriteLine($"private static (uint Pointer, uint Length) LowerList{id}({list.Type} v)");
        w.OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(v);");
        w.WriteLine("var length = (uint)v.Length;");
        w.WriteLine($"var pointer = {Mem}.Allocate({N(e.Align)}, checked(length * {size}u));");
        w.WriteLine("for (var k = 0; k < v.Length; k++)");
        w.OpenBlock();
        w.WriteLine(Store(e, "v[k]", $"pointer + (uint)k * {size}u"));
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("return (pointer, length);");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"private static {list.Type} LiftList{id}(uint pointer, uint length)");
        w.OpenBlock();
        w.WriteLine($"var v = {Mem}.NewArray<{e.Type}>(length);");
        w.WriteLine("for (var k = 0; k < v.Length; k++)");
        w.OpenBlock();
        w.WriteLine($"v[k] = {Load(e, $"pointer + (uint)k * {size}u")};");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"{Mem}.Free(pointer, length * {size}u);");
        w.WriteLine("return v;");
        w.CloseBlock();
    }

    /// <summary>The statements refusing a null array, or one whose length is not the fixed-length list's.</summary>
    private static void WriteLengthCheck(SourceWriter w, ShapeSpec shape)
    {
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(v);");
        w.WriteLine($"if (v.Length != {N(shape.Count)})");
        w.OpenBlock();
        w.WriteLine($"throw new global::System.ArgumentException(\"a {shape.WitName} has exactly {N(shape.Count)} elements, not \" + v.Length, nameof(v));");
        w.CloseBlock();
    }

    /// <summary>
    /// Writes a map's lowering into a new block of entries (<c>list&lt;tuple&lt;K, V&gt;&gt;</c>, CanonicalABI.md's
    /// despecialisation) and its lifting into a dictionary (duplicate keys fold, the last entry winning).
    /// </summary>
    private void WriteMapBuffers(SourceWriter w, ShapeSpec map, string id)
    {
        var entry = Element(map);
        var key = entry.Members[0].Shape!;
        var value = entry.Members[1].Shape!;
        var size = N(entry.Size);
        w.WriteLine();
        w.WriteLine($"private static (uint Pointer, uint Length) LowerMap{id}({map.Type} v)");
        w.OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(v);");
        w.WriteLine("var length = (uint)v.Count;");
        w.WriteLine($"var pointer = {Mem}.Allocate({N(entry.Align)}, checked(length * {size}u));");
        w.WriteLine("var k = 0u;");
        w.WriteLine("foreach (var e in v)");
        w.OpenBlock();
        w.WriteLine("if (k == length)");
        w.OpenBlock();
        w.WriteLine("throw new global::System.InvalidOperationException(\"the dictionary changed while it was lowered\");");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine(Store(entry, "e", $"pointer + k * {size}u"));
        w.WriteLine("k++;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("if (k != length)");
        w.OpenBlock();
        w.WriteLine("throw new global::System.InvalidOperationException(\"the dictionary changed while it was lowered\");");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("return (pointer, length);");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"private static {map.Type} LiftMap{id}(uint pointer, uint length)");
        w.OpenBlock();
        w.WriteLine($"var v = new global::System.Collections.Generic.Dictionary<{key.Type}, {value.Type}>(checked((int)length));");
        w.WriteLine("for (var k = 0u; k < length; k++)");
        w.OpenBlock();
        w.WriteLine($"var e = {Load(entry, $"pointer + k * {size}u")};");
        w.WriteLine("v[e.Key] = e.Value;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"{Mem}.Free(pointer, length * {size}u);");
        w.WriteLine("return v;");
        w.CloseBlock();
    }

    /// <summary>Writes the byte-list helpers, when a <c>list&lt;u8&gt;</c> is passed.</summary>
    public void WriteByteHelpers(SourceWriter w)
    {
        if (!_bytes)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine("private static (uint Pointer, uint Length) LowerBytes(byte[] v)");
        w.OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(v);");
        w.WriteLine($"var pointer = {Mem}.Allocate(1, (uint)v.Length);");
        w.WriteLine($"global::System.MemoryExtensions.CopyTo(v, {Mem}.Bytes(pointer, (uint)v.Length));");
        w.WriteLine("return (pointer, (uint)v.Length);");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("private static byte[] LiftBytes(uint pointer, uint length)");
        w.OpenBlock();
        w.WriteLine("if (length == 0)");
        w.OpenBlock();
        w.WriteLine("return global::System.Array.Empty<byte>();");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"var v = {Mem}.Bytes(pointer, length).ToArray();");
        w.WriteLine($"{Mem}.Free(pointer, length);");
        w.WriteLine("return v;");
        w.CloseBlock();
    }
}

/// <summary>The ABI class methods that turn objects of one resource class into handles (<c>i32</c>) and back.</summary>
/// <param name="LowerOwn">Object to <c>own</c> handle.</param>
/// <param name="LiftOwn"><c>own</c> handle to object.</param>
/// <param name="LowerBorrow">Object to <c>borrow</c> handle.</param>
/// <param name="LiftBorrow"><c>borrow</c> handle (or representation) to object.</param>
internal sealed record GuestHandleMethods(string LowerOwn, string LiftOwn, string LowerBorrow, string LiftBorrow);
