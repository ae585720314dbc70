using System.Globalization;
using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator.Emit;

/// <summary>
/// Writes the lifting and lowering code of one world's bindings: scalars inline, every other shape as
/// four methods of the world's ABI class (<c>Lower</c>/<c>Lift</c> for flat core values, <c>Store</c>/<c>Load</c>
/// for linear memory), each calling the runtime's canonical ABI primitives directly.
/// </summary>
internal sealed partial class MarshalWriter
{
    public const string Raw = "global::WitBindgen.Runtime.Abi.RawValue";
    public const string Abi = "global::WitBindgen.Runtime.Abi.CanonicalAbi";
    public const string Mem = "global::WitBindgen.Runtime.Abi.AbiMemory";
    public const string Cx = "global::WitBindgen.Runtime.Abi.AbiContext";
    public const string AbiType = "global::WitBindgen.Runtime.Abi.AbiType";
    public const string ResourceValue = "global::WitBindgen.Runtime.ResourceValue";

    private readonly Dictionary<ShapeSpec, int> _ids = new();
    private readonly List<ShapeSpec> _order = new();
    private readonly IReadOnlyDictionary<string, ResourceRole> _resources;

    public MarshalWriter(IReadOnlyDictionary<string, ResourceRole> resources) => _resources = resources;

    /// <summary>How a resource's handles are converted, by the resource's C# class.</summary>
    /// <param name="Index">The resource's field suffix in the ABI class.</param>
    /// <param name="Imported">True for host-implemented resources.</param>
    internal sealed record ResourceRole(int Index, bool Imported);

    private string Id(ShapeSpec shape)
    {
        if (!_ids.TryGetValue(shape, out var id))
        {
            id = _order.Count;
            _ids[shape] = id;
            _order.Add(shape);
        }

        return id.ToString(CultureInfo.InvariantCulture);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- call sites ----------------------------------------------------------------------------

    /// <summary>Statements lowering <paramref name="value"/> into slots <c>s[i..]</c>.</summary>
    public string Lower(ShapeSpec shape, string value) => shape.IsScalar
        ? $"s[i++] = {LowerScalar(shape.Kind, value)};"
        : $"Lower{Id(shape)}(cx, {value}, s, ref i);";

    /// <summary>An expression lifting a value from slots <c>s[i..]</c>.</summary>
    public string Lift(ShapeSpec shape) => shape.IsScalar
        ? LiftScalar(shape.Kind, "s[i++]")
        : $"Lift{Id(shape)}(cx, s, ref i)";

    /// <summary>A statement storing <paramref name="value"/> at guest address <paramref name="pointer"/>.</summary>
    public string Store(ShapeSpec shape, string value, string pointer) => shape.IsScalar
        ? $"{Mem}.Write{Suffix(shape.Kind)}(cx.GetMemory(), {pointer}, {value});"
        : $"Store{Id(shape)}(cx, {value}, {pointer});";

    /// <summary>An expression loading a value from guest address <paramref name="pointer"/>.</summary>
    public string Load(ShapeSpec shape, string pointer) => shape.IsScalar
        ? $"{Mem}.Read{Suffix(shape.Kind)}(cx.GetMemory(), {pointer})"
        : $"Load{Id(shape)}(cx, {pointer})";

    /// <summary>An expression building the runtime's <c>AbiType</c> of <paramref name="shape"/>.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="owner">The expression reaching the ABI class's handle types (<c>abi.</c>), or empty inside it.</param>
    public string TypeExpression(ShapeSpec shape, string owner = "")
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
                return AbiType + ".String";
            case ShapeKind.List:
                return $"{AbiType}.List({TypeExpression(shape.Members[0].Shape!, owner)})";
            case ShapeKind.FixedList:
                return $"{AbiType}.FixedList({TypeExpression(shape.Members[0].Shape!, owner)}, {N(shape.Count)})";
            case ShapeKind.Map:
            {
                var entry = shape.Members[0].Shape!;
                return $"{AbiType}.Map({TypeExpression(entry.Members[0].Shape!, owner)}, {TypeExpression(entry.Members[1].Shape!, owner)})";
            }

            case ShapeKind.Record:
                return $"{AbiType}.Record({string.Join(", ", shape.Members.Select(m => $"new global::WitBindgen.Runtime.Abi.AbiField(\"{m.Name}\", {TypeExpression(m.Shape!, owner)})"))})";
            case ShapeKind.Tuple:
                return $"{AbiType}.Tuple({string.Join(", ", shape.Members.Select(m => TypeExpression(m.Shape!, owner)))})";
            case ShapeKind.Variant:
                return $"{AbiType}.Variant({string.Join(", ", shape.Members.Select((m, i) => $"new global::WitBindgen.Runtime.Abi.AbiCase(\"c{N(i)}\", {(m.Shape is null ? "null" : TypeExpression(m.Shape, owner))})"))})";
            case ShapeKind.Enum:
                return $"{AbiType}.Enum({N(shape.Count)})";
            case ShapeKind.Flags:
            case ShapeKind.WideFlags:
                return $"{AbiType}.Flags({N(shape.Count)})";
            case ShapeKind.Option:
            case ShapeKind.NestedOption:
                return $"{AbiType}.Option({TypeExpression(shape.Members[1].Shape!, owner)})";
            case ShapeKind.Result:
                return $"{AbiType}.Result({Nullable(shape.Members[0].Shape)}, {Nullable(shape.Members[1].Shape)})";
            case ShapeKind.Own:
                return $"{owner}Own{N(Role(shape).Index)}";
            case ShapeKind.Borrow:
                return $"{owner}Borrow{N(Role(shape).Index)}";
            default:
                return AbiType + "." + Suffix(shape.Kind);
        }

        string Nullable(ShapeSpec? s) => s is null ? "null" : TypeExpression(s, owner);
    }

    private ResourceRole Role(ShapeSpec handle) => _resources[handle.Type];

    // ---- scalars -------------------------------------------------------------------------------

    private static string Suffix(ShapeKind kind) => kind switch
    {
        ShapeKind.Bool => "Bool",
        ShapeKind.S8 => "S8",
        ShapeKind.U8 => "U8",
        ShapeKind.S16 => "S16",
        ShapeKind.U16 => "U16",
        ShapeKind.S32 => "S32",
        ShapeKind.U32 => "U32",
        ShapeKind.S64 => "S64",
        ShapeKind.U64 => "U64",
        ShapeKind.F32 => "F32",
        ShapeKind.F64 => "F64",
        _ => "Char",
    };

    private static string LowerScalar(ShapeKind kind, string v) => kind switch
    {
        ShapeKind.Bool => $"{Raw}.FromI32({v} ? 1 : 0)",
        ShapeKind.S8 or ShapeKind.S16 or ShapeKind.S32 => $"{Raw}.FromI32({v})",
        ShapeKind.U8 or ShapeKind.U16 or ShapeKind.U32 => $"{Raw}.FromU32({v})",
        ShapeKind.S64 => $"{Raw}.FromI64({v})",
        ShapeKind.U64 => $"{Raw}.FromU64({v})",
        ShapeKind.F32 => $"{Raw}.FromF32({v})",
        ShapeKind.F64 => $"{Raw}.FromF64({v})",
        _ => $"{Raw}.FromU32((uint)({v}).Value)",
    };

    private static string LiftScalar(ShapeKind kind, string slot) => kind switch
    {
        ShapeKind.Bool => $"{slot}.I32 != 0",
        ShapeKind.S8 => $"(sbyte){slot}.I32",
        ShapeKind.U8 => $"(byte){slot}.U32",
        ShapeKind.S16 => $"(short){slot}.I32",
        ShapeKind.U16 => $"(ushort){slot}.U32",
        ShapeKind.S32 => $"{slot}.I32",
        ShapeKind.U32 => $"{slot}.U32",
        ShapeKind.S64 => $"{slot}.I64",
        ShapeKind.U64 => $"{slot}.U64",
        ShapeKind.F32 => $"{Abi}.LiftF32({slot}.F32)",
        ShapeKind.F64 => $"{Abi}.LiftF64({slot}.F64)",
        _ => $"{Abi}.LiftChar({slot}.U32)",
    };

    // ---- methods -------------------------------------------------------------------------------

    /// <summary>Writes the methods of every shape referenced so far (and of the shapes they reference).</summary>
    public void WriteMethods(SourceWriter w)
    {
        for (var k = 0; k < _order.Count; k++)
        {
            var shape = _order[k];
            var id = N(k);
            var t = shape.Type;
            w.WriteLine();
            w.WriteLine($"// {shape.WitName}"); // a plain comment: WIT names and their spelling (own<r>) need no XML escaping
            w.WriteLine($"internal void Lower{id}({Cx} cx, {t} v, global::System.Span<{Raw}> s, ref int i)");
            w.OpenBlock();
            WriteLower(w, shape);
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine($"internal {t} Lift{id}({Cx} cx, global::System.ReadOnlySpan<{Raw}> s, ref int i)");
            w.OpenBlock();
            WriteLift(w, shape);
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine($"internal void Store{id}({Cx} cx, {t} v, uint p)");
            w.OpenBlock();
            WriteStore(w, shape);
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine($"internal {t} Load{id}({Cx} cx, uint p)");
            w.OpenBlock();
            WriteLoad(w, shape);
            w.CloseBlock();
            WriteExtras(w, shape, id);
        }
    }

    private void WriteExtras(SourceWriter w, ShapeSpec shape, string id)
    {
        switch (shape.Kind)
        {
            case ShapeKind.List:
            {
                var e = shape.Members[0].Shape!;
                var size = N(e.Size) + "U";
                w.WriteLine();
                w.WriteLine($"internal global::WitBindgen.Runtime.Abi.GuestSlice ListTo{id}({Cx} cx, {shape.Type} v)");
                w.OpenBlock();
                w.WriteLine(NullCheck("v", "a list"));
                if (e.IsScalar)
                {
                    w.WriteLine($"return {Abi}.LowerList<{e.Type}>(cx, v);");
                }
                else
                {
                    w.WriteLine($"var p = {Abi}.AllocateList(cx, v.Length, {size}, {N(e.Align)}U);");
                    w.WriteLine("for (var k = 0; k < v.Length; k++)");
                    w.OpenBlock();
                    WriteNullCheck(w, e, "v[k]", "an element of a list");
                    w.WriteLine(Store(e, "v[k]", $"p + (uint)k * {size}"));
                    w.CloseBlock();
                    w.WriteLine("return new global::WitBindgen.Runtime.Abi.GuestSlice(p, (uint)v.Length);");
                }

                w.CloseBlock();
                w.WriteLine();
                w.WriteLine($"internal {shape.Type} ListFrom{id}({Cx} cx, uint p, uint n)");
                w.OpenBlock();
                if (e.IsScalar)
                {
                    w.WriteLine($"return {Abi}.LiftList<{e.Type}>(cx, p, n);");
                }
                else
                {
                    w.WriteLine($"var count = {Abi}.CheckList(cx, p, n, {size}, {N(e.Align)});");
                    w.WriteLine($"var r = count == 0 ? global::System.Array.Empty<{e.Type}>() : new {ArrayOf(e.Type, "count")};");
                    w.WriteLine("for (var k = 0; k < count; k++)");
                    w.OpenBlock();
                    w.WriteLine($"r[k] = {Load(e, $"p + (uint)k * {size}")};");
                    w.CloseBlock();
                    w.WriteLine("return r;");
                }

                w.CloseBlock();
                break;
            }

            case ShapeKind.Map:
                WriteMapMethods(w, shape, id);
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                WriteHandleMethods(w, shape, id);
                break;
        }
    }

    /// <summary><c>new T[count]</c>, with the count in the first rank for array element types (<c>new string[count][]</c>).</summary>
    private static string ArrayOf(string elementType, string count)
    {
        var rank = elementType.Length;
        while (rank >= 2 && elementType[rank - 1] == ']' && elementType[rank - 2] == '[')
        {
            rank -= 2;
        }

        return elementType.Substring(0, rank) + "[" + count + "]" + elementType.Substring(rank);
    }

    private void WriteLower(SourceWriter w, ShapeSpec shape)
    {
        var id = Id(shape);
        switch (shape.Kind)
        {
            case ShapeKind.String:
                w.WriteLine(NullCheck("v", "a string"));
                w.WriteLine($"var slice = {Abi}.LowerString(cx, v);");
                WriteSlice(w);
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"var slice = ListTo{id}(cx, v);");
                WriteSlice(w);
                break;
            case ShapeKind.FixedList:
                WriteLengthCheck(w, shape);
                w.WriteLine("for (var k = 0; k < v.Length; k++)");
                w.OpenBlock();
                WriteNullCheck(w, shape.Members[0].Shape!, "v[k]", $"an element of a {shape.WitName}");
                w.WriteLine(Lower(shape.Members[0].Shape!, "v[k]"));
                w.CloseBlock();
                break;
            case ShapeKind.Record:
            case ShapeKind.Tuple:
                for (var f = 0; f < shape.Members.Count; f++)
                {
                    var m = shape.Members[f];
                    WriteNullCheck(w, m.Shape!, "v." + m.Name, MemberWhat(shape, f));
                    w.WriteLine(Lower(m.Shape!, "v." + m.Name));
                }

                break;
            case ShapeKind.Variant:
                w.WriteLine(NullCheck("v", "a value of " + shape.WitName));
                w.WriteLine("var start = i;");
                w.WriteLine("switch (v)");
                w.OpenBlock();
                for (var c = 0; c < shape.Members.Count; c++)
                {
                    var m = shape.Members[c];
                    w.WriteLine($"case {m.Name} c{N(c)}:");
                    w.Indent();
                    w.WriteLine($"s[i++] = {Raw}.FromU32({N(c)});");
                    if (m.Shape is not null)
                    {
                        WriteNullCheck(w, m.Shape, $"c{N(c)}.Value", CaseWhat(shape, c));
                        w.WriteLine(Lower(m.Shape, $"c{N(c)}.Value"));
                    }

                    w.WriteLine("break;");
                    w.Unindent();
                }

                w.WriteLine("default:");
                w.Indent();
                w.WriteLine($"throw new global::System.ArgumentException(v.GetType() + \" is not a case of {shape.WitName}\");");
                w.Unindent();
                w.CloseBlock();
                WritePad(w, shape);
                break;
            case ShapeKind.Enum:
                w.WriteLine($"if ((uint)v >= {N(shape.Count)}U)");
                w.OpenBlock();
                w.WriteLine($"throw new global::System.ArgumentOutOfRangeException(null, (uint)v + \" is not a case of {shape.WitName}\");");
                w.CloseBlock();
                w.WriteLine($"s[i++] = {Raw}.FromU32((uint)v);");
                break;
            case ShapeKind.Flags:
                if (shape.Count <= 32)
                {
                    w.WriteLine($"s[i++] = {Raw}.FromU32((uint)v & {Mask32(shape.Count)});");
                }
                else
                {
                    w.WriteLine($"var bits = (ulong)v & {Mask64(shape.Count)};");
                    w.WriteLine($"s[i++] = {Raw}.FromU32((uint)bits);");
                    w.WriteLine($"s[i++] = {Raw}.FromU32((uint)(bits >> 32));");
                }

                break;
            case ShapeKind.WideFlags:
                for (var j = 0; j < shape.Flat.Count; j++)
                {
                    w.WriteLine($"s[i++] = {Raw}.FromU32({Chunk(shape, j)});");
                }

                break;
            case ShapeKind.Option:
            case ShapeKind.NestedOption:
            {
                var payload = shape.Members[1].Shape!;
                w.WriteLine("var start = i;");
                w.WriteLine(shape.Kind == ShapeKind.Option ? "if (v is { } x)" : "if (v.HasValue)");
                w.OpenBlock();
                w.WriteLine($"s[i++] = {Raw}.FromU32(1);");
                w.WriteLine(Lower(payload, shape.Kind == ShapeKind.Option ? "x" : "v.Value"));
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine($"s[i++] = {Raw}.FromU32(0);");
                w.CloseBlock();
                WritePad(w, shape);
                break;
            }

            case ShapeKind.Result:
                w.WriteLine("var start = i;");
                w.WriteLine("if (v.IsOk)");
                w.OpenBlock();
                w.WriteLine($"s[i++] = {Raw}.FromU32(0);");
                if (shape.Members[0].Shape is { } ok)
                {
                    WriteNullCheck(w, ok, "v.Ok", "the ok payload of a result");
                    w.WriteLine(Lower(ok, "v.Ok"));
                }

                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine($"s[i++] = {Raw}.FromU32(1);");
                if (shape.Members[1].Shape is { } err)
                {
                    WriteNullCheck(w, err, "v.Err", "the error payload of a result");
                    w.WriteLine(Lower(err, "v.Err"));
                }

                w.CloseBlock();
                WritePad(w, shape);
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"s[i++] = {Raw}.FromU32(LowerHandle{id}(cx, v));");
                break;
        }
    }

    private static void WriteSlice(SourceWriter w)
    {
        w.WriteLine($"s[i++] = {Raw}.FromU32(slice.Pointer);");
        w.WriteLine($"s[i++] = {Raw}.FromU32(slice.Length);");
    }

    private static void WritePad(SourceWriter w, ShapeSpec shape)
    {
        w.WriteLine($"while (i < start + {N(shape.Flat.Count)})");
        w.OpenBlock();
        w.WriteLine("s[i++] = default;");
        w.CloseBlock();
    }

    private void WriteLift(SourceWriter w, ShapeSpec shape)
    {
        var id = Id(shape);
        switch (shape.Kind)
        {
            case ShapeKind.String:
                w.WriteLine("var p = s[i++].U32;");
                w.WriteLine("var n = s[i++].U32;");
                w.WriteLine($"return {Abi}.LiftString(cx, p, n);");
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine("var p = s[i++].U32;");
                w.WriteLine("var n = s[i++].U32;");
                w.WriteLine($"return ListFrom{id}(cx, p, n);");
                break;
            case ShapeKind.FixedList:
            {
                var e = shape.Members[0].Shape!;
                w.WriteLine($"var r = new {ArrayOf(e.Type, N(shape.Count))};");
                w.WriteLine("for (var k = 0; k < r.Length; k++)");
                w.OpenBlock();
                w.WriteLine($"r[k] = {Lift(e)};");
                w.CloseBlock();
                w.WriteLine("return r;");
                break;
            }

            case ShapeKind.Record:
            case ShapeKind.Tuple:
                for (var f = 0; f < shape.Members.Count; f++)
                {
                    w.WriteLine($"var f{N(f)} = {Lift(shape.Members[f].Shape!)};");
                }

                w.WriteLine($"return {Construct(shape, Enumerable.Range(0, shape.Members.Count).Select(f => "f" + N(f)))};");
                break;
            case ShapeKind.Variant:
            case ShapeKind.Option:
            case ShapeKind.NestedOption:
            case ShapeKind.Result:
                w.WriteLine("var start = i;");
                w.WriteLine("var d = s[i++].U32;");
                w.WriteLine($"{shape.Type} r;");
                w.WriteLine("switch (d)");
                w.OpenBlock();
                for (var c = 0; c < shape.Members.Count; c++)
                {
                    var payload = shape.Members[c].Shape;
                    w.WriteLine($"case {N(c)}:");
                    w.Indent();
                    w.WriteLine($"r = {MakeCase(shape, c, payload is null ? null : Lift(payload))};");
                    w.WriteLine("break;");
                    w.Unindent();
                }

                w.WriteLine("default:");
                w.Indent();
                w.WriteLine($"throw {Abi}.InvalidDiscriminant(\"{shape.WitName}\", d);");
                w.Unindent();
                w.CloseBlock();
                w.WriteLine($"i = start + {N(shape.Flat.Count)};");
                w.WriteLine("return r;");
                break;
            case ShapeKind.Enum:
                w.WriteLine("var d = s[i++].U32;");
                WriteEnumCheck(w, shape);
                w.WriteLine($"return ({shape.Type})d;");
                break;
            case ShapeKind.Flags:
                if (shape.Count <= 32)
                {
                    w.WriteLine($"return ({shape.Type})(s[i++].U32 & {Mask32(shape.Count)});");
                }
                else
                {
                    w.WriteLine("var low = (ulong)s[i++].U32;");
                    w.WriteLine("var high = (ulong)s[i++].U32;");
                    w.WriteLine($"return ({shape.Type})((low | (high << 32)) & {Mask64(shape.Count)});");
                }

                break;
            case ShapeKind.WideFlags:
                w.WriteLine($"global::System.Span<uint> chunks = stackalloc uint[{N(shape.Flat.Count)}];");
                w.WriteLine("for (var k = 0; k < chunks.Length; k++)");
                w.OpenBlock();
                w.WriteLine("chunks[k] = s[i++].U32;");
                w.CloseBlock();
                w.WriteLine($"return {WideFromChunks(shape)};");
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"return LiftHandle{id}(cx, s[i++].U32);");
                break;
        }
    }

    private void WriteStore(SourceWriter w, ShapeSpec shape)
    {
        var id = Id(shape);
        switch (shape.Kind)
        {
            case ShapeKind.String:
                w.WriteLine(NullCheck("v", "a string"));
                w.WriteLine($"{Abi}.StoreString(cx, v, p);");
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"var slice = ListTo{id}(cx, v);");
                w.WriteLine("var m = cx.GetMemory();");
                w.WriteLine($"{Mem}.WriteU32(m, p, slice.Pointer);");
                w.WriteLine($"{Mem}.WriteU32(m, p + 4, slice.Length);");
                break;
            case ShapeKind.FixedList:
            {
                var e = shape.Members[0].Shape!;
                WriteLengthCheck(w, shape);
                w.WriteLine("for (var k = 0; k < v.Length; k++)");
                w.OpenBlock();
                WriteNullCheck(w, e, "v[k]", $"an element of a {shape.WitName}");
                w.WriteLine(Store(e, "v[k]", $"p + (uint)k * {N(e.Size)}U"));
                w.CloseBlock();
                break;
            }

            case ShapeKind.Record:
            case ShapeKind.Tuple:
                for (var f = 0; f < shape.Members.Count; f++)
                {
                    var m = shape.Members[f];
                    WriteNullCheck(w, m.Shape!, "v." + m.Name, MemberWhat(shape, f));
                    w.WriteLine(Store(m.Shape!, "v." + m.Name, Offset("p", m.Offset)));
                }

                break;
            case ShapeKind.Variant:
                w.WriteLine(NullCheck("v", "a value of " + shape.WitName));
                w.WriteLine("switch (v)");
                w.OpenBlock();
                for (var c = 0; c < shape.Members.Count; c++)
                {
                    var m = shape.Members[c];
                    w.WriteLine($"case {m.Name} c{N(c)}:");
                    w.Indent();
                    w.WriteLine(WriteDiscriminant(shape, N(c) + "U"));
                    if (m.Shape is not null)
                    {
                        WriteNullCheck(w, m.Shape, $"c{N(c)}.Value", CaseWhat(shape, c));
                        w.WriteLine(Store(m.Shape, $"c{N(c)}.Value", Offset("p", shape.PayloadOffset)));
                    }

                    w.WriteLine("break;");
                    w.Unindent();
                }

                w.WriteLine("default:");
                w.Indent();
                w.WriteLine($"throw new global::System.ArgumentException(v.GetType() + \" is not a case of {shape.WitName}\");");
                w.Unindent();
                w.CloseBlock();
                break;
            case ShapeKind.Enum:
                w.WriteLine($"if ((uint)v >= {N(shape.Count)}U)");
                w.OpenBlock();
                w.WriteLine($"throw new global::System.ArgumentOutOfRangeException(null, (uint)v + \" is not a case of {shape.WitName}\");");
                w.CloseBlock();
                w.WriteLine(WriteDiscriminant(shape, "(uint)v"));
                break;
            case ShapeKind.Flags:
                if (shape.Count <= 8)
                {
                    w.WriteLine($"{Mem}.WriteU8(cx.GetMemory(), p, (byte)((uint)v & {Mask32(shape.Count)}));");
                }
                else if (shape.Count <= 16)
                {
                    w.WriteLine($"{Mem}.WriteU16(cx.GetMemory(), p, (ushort)((uint)v & {Mask32(shape.Count)}));");
                }
                else if (shape.Count <= 32)
                {
                    w.WriteLine($"{Mem}.WriteU32(cx.GetMemory(), p, (uint)v & {Mask32(shape.Count)});");
                }
                else
                {
                    w.WriteLine($"var bits = (ulong)v & {Mask64(shape.Count)};");
                    w.WriteLine("var m = cx.GetMemory();");
                    w.WriteLine($"{Mem}.WriteU32(m, p, (uint)bits);");
                    w.WriteLine($"{Mem}.WriteU32(m, p + 4, (uint)(bits >> 32));");
                }

                break;
            case ShapeKind.WideFlags:
                w.WriteLine("var m = cx.GetMemory();");
                for (var j = 0; j < shape.Flat.Count; j++)
                {
                    w.WriteLine($"{Mem}.WriteU32(m, {Offset("p", 4 * j)}, {Chunk(shape, j)});");
                }

                break;
            case ShapeKind.Option:
            case ShapeKind.NestedOption:
            {
                var payload = shape.Members[1].Shape!;
                w.WriteLine(shape.Kind == ShapeKind.Option ? "if (v is { } x)" : "if (v.HasValue)");
                w.OpenBlock();
                w.WriteLine(WriteDiscriminant(shape, "1U"));
                w.WriteLine(Store(payload, shape.Kind == ShapeKind.Option ? "x" : "v.Value", Offset("p", shape.PayloadOffset)));
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine(WriteDiscriminant(shape, "0U"));
                w.CloseBlock();
                break;
            }

            case ShapeKind.Result:
                w.WriteLine("if (v.IsOk)");
                w.OpenBlock();
                w.WriteLine(WriteDiscriminant(shape, "0U"));
                if (shape.Members[0].Shape is { } ok)
                {
                    WriteNullCheck(w, ok, "v.Ok", "the ok payload of a result");
                    w.WriteLine(Store(ok, "v.Ok", Offset("p", shape.PayloadOffset)));
                }

                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine(WriteDiscriminant(shape, "1U"));
                if (shape.Members[1].Shape is { } err)
                {
                    WriteNullCheck(w, err, "v.Err", "the error payload of a result");
                    w.WriteLine(Store(err, "v.Err", Offset("p", shape.PayloadOffset)));
                }

                w.CloseBlock();
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"var h = LowerHandle{id}(cx, v);");
                w.WriteLine($"{Mem}.WriteU32(cx.GetMemory(), p, h);");
                break;
        }
    }

    private void WriteLoad(SourceWriter w, ShapeSpec shape)
    {
        var id = Id(shape);
        switch (shape.Kind)
        {
            case ShapeKind.String:
                w.WriteLine($"return {Abi}.LoadString(cx, p);");
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine("var m = cx.GetMemory();");
                w.WriteLine($"return ListFrom{id}(cx, {Mem}.ReadU32(m, p), {Mem}.ReadU32(m, p + 4));");
                break;
            case ShapeKind.FixedList:
            {
                var e = shape.Members[0].Shape!;
                w.WriteLine($"var r = new {ArrayOf(e.Type, N(shape.Count))};");
                w.WriteLine("for (var k = 0; k < r.Length; k++)");
                w.OpenBlock();
                w.WriteLine($"r[k] = {Load(e, $"p + (uint)k * {N(e.Size)}U")};");
                w.CloseBlock();
                w.WriteLine("return r;");
                break;
            }

            case ShapeKind.Record:
            case ShapeKind.Tuple:
                for (var f = 0; f < shape.Members.Count; f++)
                {
                    w.WriteLine($"var f{N(f)} = {Load(shape.Members[f].Shape!, Offset("p", shape.Members[f].Offset))};");
                }

                w.WriteLine($"return {Construct(shape, Enumerable.Range(0, shape.Members.Count).Select(f => "f" + N(f)))};");
                break;
            case ShapeKind.Variant:
            case ShapeKind.Option:
            case ShapeKind.NestedOption:
            case ShapeKind.Result:
                w.WriteLine($"var d = {ReadDiscriminant(shape)};");
                w.WriteLine("switch (d)");
                w.OpenBlock();
                for (var c = 0; c < shape.Members.Count; c++)
                {
                    var payload = shape.Members[c].Shape;
                    w.WriteLine($"case {N(c)}:");
                    w.Indent();
                    w.WriteLine($"return {MakeCase(shape, c, payload is null ? null : Load(payload, Offset("p", shape.PayloadOffset)))};");
                    w.Unindent();
                }

                w.WriteLine("default:");
                w.Indent();
                w.WriteLine($"throw {Abi}.InvalidDiscriminant(\"{shape.WitName}\", d);");
                w.Unindent();
                w.CloseBlock();
                break;
            case ShapeKind.Enum:
                w.WriteLine($"var d = {ReadDiscriminant(shape)};");
                WriteEnumCheck(w, shape);
                w.WriteLine($"return ({shape.Type})d;");
                break;
            case ShapeKind.Flags:
                if (shape.Count <= 32)
                {
                    var read = shape.Count <= 8 ? "ReadU8" : shape.Count <= 16 ? "ReadU16" : "ReadU32";
                    w.WriteLine($"return ({shape.Type})((uint){Mem}.{read}(cx.GetMemory(), p) & {Mask32(shape.Count)});");
                }
                else
                {
                    w.WriteLine("var m = cx.GetMemory();");
                    w.WriteLine($"var low = (ulong){Mem}.ReadU32(m, p);");
                    w.WriteLine($"var high = (ulong){Mem}.ReadU32(m, p + 4);");
                    w.WriteLine($"return ({shape.Type})((low | (high << 32)) & {Mask64(shape.Count)});");
                }

                break;
            case ShapeKind.WideFlags:
                w.WriteLine("var m = cx.GetMemory();");
                w.WriteLine($"global::System.Span<uint> chunks = stackalloc uint[{N(shape.Flat.Count)}];");
                w.WriteLine("for (var k = 0; k < chunks.Length; k++)");
                w.OpenBlock();
                w.WriteLine($"chunks[k] = {Mem}.ReadU32(m, p + (uint)(4 * k));");
                w.CloseBlock();
                w.WriteLine($"return {WideFromChunks(shape)};");
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"return LiftHandle{id}(cx, {Mem}.ReadU32(cx.GetMemory(), p));");
                break;
        }
    }

    private void WriteHandleMethods(SourceWriter w, ShapeSpec shape, string id)
    {
        var role = Role(shape);
        var r = N(role.Index);
        var own = shape.Kind == ShapeKind.Own;
        w.WriteLine();
        w.WriteLine($"internal uint LowerHandle{id}({Cx} cx, {shape.Type} v)");
        w.OpenBlock();
        w.WriteLine(NullCheck("v", $"a handle of resource '{shape.Members[0].Name}'"));
        w.WriteLine("var resources = cx.Resources ?? throw new global::System.InvalidOperationException(\"no resource scope for this call\");");
        if (role.Imported)
        {
            w.WriteLine(own
                ? $"return resources.LowerOwn(Own{r}, new {ResourceValue}(Type{r}, Table{r}.Add(v)));"
                : $"return resources.LowerBorrow(Borrow{r}, new {ResourceValue}(Type{r}, Table{r}.Lend(v)));");
        }
        else if (own)
        {
            // The C# object gives its handle up only once the move succeeded, so a refused move leaves it usable.
            w.WriteLine($"var handle = resources.LowerOwn(Own{r}, v.GetHandle(Type{r}));");
            w.WriteLine($"v.TakeHandle(Type{r});");
            w.WriteLine("return handle;");
        }
        else
        {
            w.WriteLine($"return resources.LowerBorrow(Borrow{r}, v.GetHandle(Type{r}));");
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"internal {shape.Type} LiftHandle{id}({Cx} cx, uint h)");
        w.OpenBlock();
        w.WriteLine("var resources = cx.Resources ?? throw new global::System.InvalidOperationException(\"no resource scope for this call\");");
        if (role.Imported)
        {
            w.WriteLine(own
                ? $"return Table{r}.Take((({ResourceValue})resources.LiftOwn(Own{r}, h)).Rep);"
                : $"return Table{r}.Get((({ResourceValue})resources.LiftBorrow(Borrow{r}, h)).Rep);");
        }
        else
        {
            w.WriteLine(own
                ? $"return new {shape.Type}(this, ({ResourceValue})resources.LiftOwn(Own{r}, h));"
                : "throw new global::System.NotSupportedException(\"a borrow of a guest resource cannot be passed to the host\");");
        }

        w.CloseBlock();
    }

    private static void WriteEnumCheck(SourceWriter w, ShapeSpec shape)
    {
        w.WriteLine($"if (d >= {N(shape.Count)}U)");
        w.OpenBlock();
        w.WriteLine($"throw {Abi}.InvalidDiscriminant(\"{shape.WitName}\", d);");
        w.CloseBlock();
    }

    private static string WriteDiscriminant(ShapeSpec shape, string value) => shape.DiscriminantSize switch
    {
        1 => $"{Mem}.WriteU8(cx.GetMemory(), p, (byte)({value}));",
        2 => $"{Mem}.WriteU16(cx.GetMemory(), p, (ushort)({value}));",
        _ => $"{Mem}.WriteU32(cx.GetMemory(), p, {value});",
    };

    private static string ReadDiscriminant(ShapeSpec shape) => shape.DiscriminantSize switch
    {
        1 => $"(uint){Mem}.ReadU8(cx.GetMemory(), p)",
        2 => $"(uint){Mem}.ReadU16(cx.GetMemory(), p)",
        _ => $"{Mem}.ReadU32(cx.GetMemory(), p)",
    };

    private static string Offset(string pointer, int offset) => offset == 0 ? pointer : $"{pointer} + {N(offset)}";

    private static string Construct(ShapeSpec shape, IEnumerable<string> args)
    {
        var list = args.ToList();
        if (shape.Kind == ShapeKind.Tuple)
        {
            return list.Count == 1 ? $"new {shape.Type}({list[0]})" : "(" + string.Join(", ", list) + ")";
        }

        return $"new {shape.Type}({string.Join(", ", list)})";
    }

    /// <summary>The value of case <paramref name="index"/> of a sum shape, from its payload expression.</summary>
    private static string MakeCase(ShapeSpec shape, int index, string? payload)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Variant:
                // A case without payload is immutable and equal to any other instance: lift it as one shared object.
                return payload is null
                    ? $"global::WitBindgen.Runtime.Abi.SharedCase<{shape.Members[index].Name}>.Value"
                    : $"new {shape.Members[index].Name}({payload})";
            case ShapeKind.Option:
                return index == 0 ? "default" : payload!;
            case ShapeKind.NestedOption:
                return index == 0 ? "default" : $"new {shape.Type}({payload})";
            default:
                return index == 0 ? $"{shape.Type}.FromOk({payload ?? "default"})" : $"{shape.Type}.FromErr({payload ?? "default"})";
        }
    }

    /// <summary>The statement refusing a null <paramref name="value"/>, <paramref name="what"/> naming the WIT item in the message.</summary>
    public static string NullCheck(string value, string what) => $"{Abi}.ThrowIfNull({value}, \"{what}\");";

    /// <summary>Writes <see cref="NullCheck"/> for a value of a reference shape (nothing for value types).</summary>
    public static void WriteNullCheck(SourceWriter w, ShapeSpec shape, string value, string what)
    {
        if (shape.IsReference)
        {
            w.WriteLine(NullCheck(value, what));
        }
    }

    /// <summary>A record's field (<c>field 'name' of record 'person'</c>), a tuple's element, a map entry's key or value.</summary>
    private static string MemberWhat(ShapeSpec shape, int index)
    {
        var m = shape.Members[index];
        return shape.Kind == ShapeKind.Tuple ? $"element {N(index + 1)} of a tuple"
            : m.WitName is { } wit ? $"field '{wit}' of {shape.WitName}"
            : $"the {m.Name.ToLowerInvariant()} of a map entry";
    }

    /// <summary>A variant case's payload: <c>the payload of case 'named' of variant 'shape'</c>.</summary>
    private static string CaseWhat(ShapeSpec shape, int index) => $"the payload of case '{shape.Members[index].WitName}' of {shape.WitName}";

    private static string Mask32(int count) => count >= 32 ? "0xFFFFFFFFU" : "0x" + ((1U << count) - 1).ToString("X", CultureInfo.InvariantCulture) + "U";

    private static string Mask64(int count) => count >= 64 ? "0xFFFFFFFFFFFFFFFFUL" : "0x" + ((1UL << count) - 1).ToString("X", CultureInfo.InvariantCulture) + "UL";

    /// <summary>The 32-bit chunk <paramref name="j"/> of a wide flags value <c>v</c>.</summary>
    private static string Chunk(ShapeSpec shape, int j)
    {
        var word = shape.Members[j / 2].Name;
        var shift = j % 2 == 0 ? string.Empty : " >> 32";
        var remaining = shape.Count - (32 * j);
        return $"(uint)(v.{word}{shift}) & {Mask32(Math.Min(32, remaining))}";
    }

    private static string WideFromChunks(ShapeSpec shape)
    {
        var words = new List<string>();
        for (var k = 0; k < shape.Members.Count; k++)
        {
            var lowChunk = 2 * k;
            var highChunk = lowChunk + 1;
            var low = $"(ulong)(chunks[{N(lowChunk)}] & {Mask32(Math.Min(32, shape.Count - (32 * lowChunk)))})";
            var word = highChunk < shape.Flat.Count
                ? $"{low} | ((ulong)(chunks[{N(highChunk)}] & {Mask32(Math.Min(32, shape.Count - (32 * highChunk)))}) << 32)"
                : low;
            words.Add(word);
        }

        return $"new {shape.Type}({string.Join(", ", words)})";
    }
}
