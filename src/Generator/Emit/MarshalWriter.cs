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
    /// <summary>
    /// The using aliases the world file declares inside its namespace, for the runtime namespaces its ABI class
    /// names: used only with <c>::</c> (<c>_A::RawValue</c>), which looks up aliases alone, so a user type of the
    /// same name in the namespace cannot collide (a generated type never starts with an underscore either).
    /// </summary>
    public static readonly string[] Aliases =
    {
        "using _R = global::WitBindgen.Runtime;",
        "using _A = global::WitBindgen.Runtime.Abi;",
        "using _C = global::WitBindgen.Runtime.CompilerServices;",
    };

    public const string Raw = "_A::RawValue";
    public const string Canon = "_A::CanonicalAbi";
    public const string Abi = "_C::AbiHelpers";
    public const string Mem = "_C::AbiMemory";
    public const string Cx = "_A::AbiContext";
    public const string AbiType = "_A::AbiType";
    public const string ResourceValue = "_R::ResourceValue";

    private readonly Dictionary<ShapeSpec, int> _ids = new();
    private readonly List<ShapeSpec> _order = new();
    private readonly List<Uses> _uses = new();
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

    /// <summary>The id of <paramref name="shape"/>, recording that its <paramref name="use"/> method is called.</summary>
    private string Use(ShapeSpec shape, Uses use)
    {
        var id = Id(shape);
        var k = _ids[shape];
        while (_uses.Count <= k)
        {
            _uses.Add(Uses.None);
        }

        _uses[k] |= use;
        return id;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- call sites ----------------------------------------------------------------------------

    // Call sites name the context and the slots as the caller has them (usually the locals cx and s); the index
    // into the slots is always the local i.

    /// <summary>Statements lowering <paramref name="value"/> into slots <c>s[i..]</c>.</summary>
    public string Lower(ShapeSpec shape, string value, string cx = "cx", string s = "s") => shape.IsScalar
        ? $"{s}[i++] = {LowerScalar(shape.Kind, value)};"
        : $"Lower{Use(shape, Uses.Lower)}({cx}, {value}, {s}, ref i);";

    /// <summary>An expression lifting a value from slots <c>s[i..]</c>.</summary>
    public string Lift(ShapeSpec shape, string cx = "cx", string s = "s") => shape.IsScalar
        ? LiftScalar(shape.Kind, $"{s}[i++]")
        : $"Lift{Use(shape, Uses.Lift)}({cx}, {s}, ref i)";

    /// <summary>A statement storing <paramref name="value"/> at guest address <paramref name="pointer"/>.</summary>
    public string Store(ShapeSpec shape, string value, string pointer, string cx = "cx") => shape.IsScalar
        ? $"{Mem}.Write{Suffix(shape.Kind)}({cx}.GetMemory(), {pointer}, {value});"
        : $"Store{Use(shape, Uses.Store)}({cx}, {value}, {pointer});";

    /// <summary>An expression loading a value from guest address <paramref name="pointer"/>.</summary>
    public string Load(ShapeSpec shape, string pointer, string cx = "cx") => shape.IsScalar
        ? $"{Mem}.Read{Suffix(shape.Kind)}({cx}.GetMemory(), {pointer})"
        : $"Load{Use(shape, Uses.Load)}({cx}, {pointer})";

    /// <summary>
    /// An expression building the runtime's <c>AbiType</c> of <paramref name="shape"/>, with placeholders for the
    /// composite types <see cref="ResolveTypes"/> later turns into a shared static field (a type used more than
    /// once) or its inline expression.
    /// </summary>
    public string TypeExpression(ShapeSpec shape)
    {
        var expression = Build(shape);
        foreach (var entry in Placeholders(expression))
        {
            entry.Uses++;
        }

        return expression;
    }

    /// <summary>
    /// Replaces the placeholders of <see cref="TypeExpression"/> in <paramref name="text"/>: a type used more than
    /// once by the world's function types (or by other shared types) names its field, any other is written inline.
    /// </summary>
    public string ResolveTypes(string text) =>
        ReplaceMarks(text, entry => entry.Uses > 1 ? "T" + N(entry.Id) : ResolveTypes(entry.Expression));

    /// <summary>Writes the static field of every shared type, each after the types it is built from.</summary>
    public void WriteTypeFields(SourceWriter w)
    {
        foreach (var entry in _typeOrder.Where(e => e.Uses > 1))
        {
            w.WriteLine($"private static readonly {AbiType} T{N(entry.Id)} = {ResolveTypes(entry.Expression)};");
        }
    }

    private const char Mark = '\u0001';

    private readonly Dictionary<string, TypeEntry> _types = new(StringComparer.Ordinal);
    private readonly List<TypeEntry> _typeOrder = new();

    /// <summary>A composite type without handles, by its expression: its field number and how often it is used.</summary>
    private sealed class TypeEntry
    {
        public TypeEntry(int id, string expression)
        {
            Id = id;
            Expression = expression;
        }

        public int Id { get; }

        public string Expression { get; }

        public int Uses { get; set; }
    }

    private IEnumerable<TypeEntry> Placeholders(string expression)
    {
        var k = expression.IndexOf(Mark);
        while (k >= 0)
        {
            var end = expression.IndexOf(Mark, k + 1);
            yield return _typeOrder[int.Parse(expression.Substring(k + 1, end - k - 1), CultureInfo.InvariantCulture)];
            k = expression.IndexOf(Mark, end + 1);
        }
    }

    /// <summary>
    /// The expression of a type: primitives and handles inline, a composite with handles inline (its handle types
    /// are instance fields), any other composite as the placeholder of its entry, created on first use (when its
    /// member types count one use each).
    /// </summary>
    private string Build(ShapeSpec shape)
    {
        var expression = BuildInline(shape);
        if (shape.Kind is not (ShapeKind.List or ShapeKind.FixedList or ShapeKind.Map or ShapeKind.Record or ShapeKind.Tuple
            or ShapeKind.Variant or ShapeKind.Option or ShapeKind.NestedOption or ShapeKind.Result) || HasHandles(shape))
        {
            return expression;
        }

        if (!_types.TryGetValue(expression, out var entry))
        {
            entry = new TypeEntry(_typeOrder.Count, expression);
            _types[expression] = entry;
            _typeOrder.Add(entry);
            foreach (var member in Placeholders(expression))
            {
                member.Uses++;
            }
        }

        return Mark + N(entry.Id) + Mark;
    }

    private static bool HasHandles(ShapeSpec shape) =>
        shape.Kind is ShapeKind.Own or ShapeKind.Borrow || shape.Members.Any(m => m.Shape is { } s && HasHandles(s));

    /// <summary>An expression of the type of <paramref name="shape"/> written out in full (no shared fields), for code written after them.</summary>
    private string InlineType(ShapeSpec shape) => ResolveInline(Build(shape));

    private string ResolveInline(string text) => ReplaceMarks(text, entry => ResolveInline(entry.Expression));

    /// <summary>Replaces each placeholder of a shared type in <paramref name="text"/> with what <paramref name="resolve"/> gives for its entry.</summary>
    private string ReplaceMarks(string text, Func<TypeEntry, string> resolve)
    {
        var sb = new System.Text.StringBuilder();
        var k = 0;
        while (k < text.Length)
        {
            var start = text.IndexOf(Mark, k);
            if (start < 0)
            {
                sb.Append(text, k, text.Length - k);
                break;
            }

            var end = text.IndexOf(Mark, start + 1);
            sb.Append(text, k, start - k);
            sb.Append(resolve(_typeOrder[int.Parse(text.Substring(start + 1, end - start - 1), CultureInfo.InvariantCulture)]));
            k = end + 1;
        }

        return sb.ToString();
    }

    // ---- streams and futures -------------------------------------------------------------------

    private const string AsyncHandles = "global::WitBindgen.Runtime.CompilerServices.AsyncHandles";
    private const string Codecs = "global::WitBindgen.Runtime.WitCodecs";

    /// <summary>Moves a host-held readable end into the call's table: an expression of its index.</summary>
    private static string LowerEnd(ShapeSpec shape, string value) =>
        $"{AsyncHandles}.Lower{(shape.Kind == ShapeKind.Stream ? "Stream" : "Future")}(cx, {value})";

    /// <summary>Takes the readable end at <paramref name="index"/> out of the call's table as a host-held one.</summary>
    private string LiftEnd(ShapeSpec shape, string index) =>
        $"{AsyncHandles}.Lift{(shape.Kind == ShapeKind.Stream ? "Stream" : "Future")}(cx, {index}, {Codec(shape.Members[0].Shape!)})";

    /// <summary>
    /// The codec of a stream's elements or a future's value: the runtime's bulk codec for integers, else one made of
    /// this shape's <c>Load</c> and <c>Store</c>.
    /// </summary>
    private string Codec(ShapeSpec element) => element.Kind switch
    {
        ShapeKind.U8 => Codecs + ".Bytes",
        ShapeKind.S8 => Codecs + ".SBytes",
        ShapeKind.U16 => Codecs + ".UInt16",
        ShapeKind.S16 => Codecs + ".Int16",
        ShapeKind.U32 => Codecs + ".UInt32",
        ShapeKind.S32 => Codecs + ".Int32",
        ShapeKind.U64 => Codecs + ".UInt64",
        ShapeKind.S64 => Codecs + ".Int64",
        _ => $"{Codecs}.Create<{element.Type}>({InlineType(element)}, (c, q) => {Load(element, "q", "c")}, (c, x, q) => {{ {Store(element, "x", "q", "c")} }})",
    };

    private string BuildInline(ShapeSpec shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
                return AbiType + ".String";
            case ShapeKind.List:
                return $"{AbiType}.List({Build(shape.Members[0].Shape!)})";
            case ShapeKind.FixedList:
                return $"{AbiType}.FixedList({Build(shape.Members[0].Shape!)}, {N(shape.Count)})";
            case ShapeKind.Map:
            {
                var entry = shape.Members[0].Shape!;
                return $"{AbiType}.Map({Build(entry.Members[0].Shape!)}, {Build(entry.Members[1].Shape!)})";
            }

            case ShapeKind.Record:
                return $"{AbiType}.Record({string.Join(", ", shape.Members.Select(m => $"new _A::AbiField(\"{m.Name}\", {Build(m.Shape!)})"))})";
            case ShapeKind.Tuple:
                return $"{AbiType}.Tuple({string.Join(", ", shape.Members.Select(m => Build(m.Shape!)))})";
            case ShapeKind.Variant:
                return $"{AbiType}.Variant({string.Join(", ", shape.Members.Select((m, i) => $"new _A::AbiCase(\"c{N(i)}\", {(m.Shape is null ? "null" : Build(m.Shape))})"))})";
            case ShapeKind.Enum:
                return $"{AbiType}.Enum({N(shape.Count)})";
            case ShapeKind.Flags:
            case ShapeKind.WideFlags:
                return $"{AbiType}.Flags({N(shape.Count)})";
            case ShapeKind.Option:
            case ShapeKind.NestedOption:
                return $"{AbiType}.Option({Build(shape.Members[1].Shape!)})";
            case ShapeKind.Result:
                return $"{AbiType}.Result({Nullable(shape.Members[0].Shape)}, {Nullable(shape.Members[1].Shape)})";
            case ShapeKind.Own:
                return $"Own{N(Role(shape).Index)}";
            case ShapeKind.Borrow:
                return $"Borrow{N(Role(shape).Index)}";
            case ShapeKind.Stream:
                return $"{AbiType}.Stream({Build(shape.Members[0].Shape!)})";
            case ShapeKind.Future:
                return $"{AbiType}.Future({Build(shape.Members[0].Shape!)})";
            case ShapeKind.ErrorContext:
                return $"{AbiType}.ErrorContext";
            default:
                return AbiType + "." + Suffix(shape.Kind);
        }

        string Nullable(ShapeSpec? s) => s is null ? "null" : Build(s);
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

    /// <summary>The raw value of a scalar <paramref name="v"/>.</summary>
    public static string LowerScalar(ShapeKind kind, string v) => kind switch
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

    /// <summary>The scalar lifted from the raw value <paramref name="slot"/>.</summary>
    public static string LiftScalar(ShapeKind kind, string slot) => kind switch
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

    /// <summary>The methods of a shape a call site (or another method) calls: only those are written.</summary>
    [Flags]
    private enum Uses
    {
        None = 0,
        Lower = 1,
        Lift = 2,
        Store = 4,
        Load = 8,
    }

    /// <summary>
    /// Writes the methods called so far, and the methods those call: for each shape, its <c>Lower</c>,
    /// <c>Lift</c>, <c>Store</c> and <c>Load</c> if something calls it, and the list or handle helpers they share.
    /// A method whose body is one statement is written as an expression-bodied member.
    /// </summary>
    public void WriteMethods(SourceWriter w)
    {
        var texts = new Dictionary<(int Shape, int Part), List<string>>();
        bool added;
        do
        {
            added = false;
            for (var k = 0; k < _order.Count; k++)
            {
                var uses = k < _uses.Count ? _uses[k] : Uses.None;
                for (var part = 0; part < 6; part++)
                {
                    if (!texts.ContainsKey((k, part)) && Needs(_order[k], uses, part))
                    {
                        texts[(k, part)] = RenderPart(_order[k], N(k), part);
                        added = true;
                    }
                }
            }
        }
        while (added);

        for (var k = 0; k < _order.Count; k++)
        {
            var first = true;
            var previousOneLine = false;
            for (var part = 0; part < 6; part++)
            {
                if (!texts.TryGetValue((k, part), out var lines))
                {
                    continue;
                }

                // A shape's one-line members stand together, like fields; a member with a body is set apart.
                if (!(previousOneLine && lines.Count == 1))
                {
                    w.WriteLine();
                }

                previousOneLine = lines.Count == 1;
                if (first)
                {
                    w.WriteLine($"// {_order[k].WitName}"); // a plain comment: WIT names and their spelling (own<r>) need no XML escaping
                    first = false;
                }

                foreach (var line in lines)
                {
                    w.WriteLine(line);
                }
            }
        }
    }

    /// <summary>
    /// Whether part <paramref name="part"/> of a shape's methods is needed: 0 to 3 <c>Lower</c>, <c>Lift</c>,
    /// <c>Store</c>, <c>Load</c>; 4 the lowering helper (<c>ListTo</c>, <c>LowerHandle</c>) both <c>Lower</c> and
    /// <c>Store</c> call; 5 the lifting helper (<c>ListFrom</c>, <c>LiftHandle</c>) of <c>Lift</c> and <c>Load</c>.
    /// </summary>
    private static bool Needs(ShapeSpec shape, Uses uses, int part)
    {
        if (part < 4)
        {
            return (uses & (Uses)(1 << part)) != 0;
        }

        if (shape.Kind is not (ShapeKind.List or ShapeKind.Map or ShapeKind.Own or ShapeKind.Borrow))
        {
            return false;
        }

        return part == 4 ? (uses & (Uses.Lower | Uses.Store)) != 0 : (uses & (Uses.Lift | Uses.Load)) != 0;
    }

    private List<string> RenderPart(ShapeSpec shape, string id, int part)
    {
        var t = shape.Type;
        switch (part)
        {
            case 0:
                return Method($"internal void Lower{id}({Cx} cx, {t} v, global::System.Span<{Raw}> s, ref int i)", w => WriteLower(w, shape));
            case 1:
                return Method($"internal {t} Lift{id}({Cx} cx, global::System.ReadOnlySpan<{Raw}> s, ref int i)", w => WriteLift(w, shape));
            case 2:
                return Method($"internal void Store{id}({Cx} cx, {t} v, uint p)", w => WriteStore(w, shape));
            case 3:
                return Method($"internal {t} Load{id}({Cx} cx, uint p)", w => WriteLoad(w, shape));
            default:
                return shape.Kind switch
                {
                    ShapeKind.List => part == 4 ? ListTo(shape, id) : ListFrom(shape, id),
                    ShapeKind.Map => part == 4 ? MapTo(shape, id) : MapFrom(shape, id),
                    _ => part == 4 ? LowerHandle(shape, id) : LiftHandle(shape, id),
                };
        }
    }

    /// <summary>
    /// A method's lines (unindented): <paramref name="signature"/> and its body, as <c>=&gt; expression;</c> when the
    /// body is one <c>return</c>, <c>throw</c> or expression statement.
    /// </summary>
    private static List<string> Method(string signature, Action<SourceWriter> body)
    {
        var b = new SourceWriter();
        body(b);
        var lines = b.ToString().TrimEnd('\n').Split('\n').ToList();
        if (lines.Count == 1 && IsExpressionBody(lines[0], signature.StartsWith("internal void ", StringComparison.Ordinal)))
        {
            var statement = lines[0].StartsWith("return ", StringComparison.Ordinal) ? lines[0].Substring("return ".Length) : lines[0];
            return new List<string> { $"{signature} => {statement}" };
        }

        // One return of a multi-line expression (a switch expression): its braces and arms follow the arrow.
        if (lines.Count > 1 && lines[0].StartsWith("return ", StringComparison.Ordinal)
            && lines.Skip(1).All(l => l is "{" or "};" || l.StartsWith(" ", StringComparison.Ordinal)))
        {
            var expression = new List<string> { $"{signature} => {lines[0].Substring("return ".Length)}" };
            expression.AddRange(lines.Skip(1));
            return expression;
        }

        var result = new List<string> { signature, "{" };
        result.AddRange(lines.Select(l => "    " + l));
        result.Add("}");
        return result;
    }

    private static bool IsExpressionBody(string statement, bool isVoid)
    {
        if (statement.StartsWith("return ", StringComparison.Ordinal) || statement.StartsWith("throw ", StringComparison.Ordinal))
        {
            return true;
        }

        // An expression statement (a call or an assignment): never a declaration or a block statement.
        return isVoid && statement.EndsWith(";", StringComparison.Ordinal)
            && !statement.StartsWith("var ", StringComparison.Ordinal)
            && !statement.StartsWith("if ", StringComparison.Ordinal)
            && !statement.StartsWith("for", StringComparison.Ordinal)
            && !statement.StartsWith("while ", StringComparison.Ordinal)
            && !statement.StartsWith("switch ", StringComparison.Ordinal);
    }

    private List<string> ListTo(ShapeSpec shape, string id)
    {
        var e = shape.Members[0].Shape!;
        var size = N(e.Size) + "U";
        return Method($"internal _A::GuestSlice ListTo{id}({Cx} cx, {shape.Type} v)", w =>
        {
            w.WriteLine(NullCheck("v", "a list"));
            if (e.IsScalar)
            {
                w.WriteLine($"return {Canon}.LowerList<{e.Type}>(cx, v);");
                return;
            }

            w.WriteLine($"var p = {Abi}.AllocateList(cx, v.Length, {size}, {N(e.Align)}U);");
            w.WriteLine("for (var k = 0; k < v.Length; k++)");
            w.OpenBlock();
            WriteNullCheck(w, e, "v[k]", "an element of a list");
            w.WriteLine(Store(e, "v[k]", $"p + (uint)k * {size}"));
            w.CloseBlock();
            w.WriteLine("return new _A::GuestSlice(p, (uint)v.Length);");
        });
    }

    private List<string> ListFrom(ShapeSpec shape, string id)
    {
        var e = shape.Members[0].Shape!;
        var size = N(e.Size) + "U";
        return Method($"internal {shape.Type} ListFrom{id}({Cx} cx, _A::GuestSlice l)", w =>
        {
            if (e.IsScalar)
            {
                w.WriteLine($"return {Canon}.LiftList<{e.Type}>(cx, l.Pointer, l.Length);");
                return;
            }

            w.WriteLine($"var count = {Abi}.CheckList(cx, l.Pointer, l.Length, {size}, {N(e.Align)});");
            w.WriteLine($"var r = count == 0 ? global::System.Array.Empty<{e.Type}>() : new {ArrayOf(e.Type, "count")};");
            w.WriteLine("for (var k = 0; k < count; k++)");
            w.OpenBlock();
            w.WriteLine($"r[k] = {Load(e, $"l.Pointer + (uint)k * {size}")};");
            w.CloseBlock();
            w.WriteLine("return r;");
        });
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
                w.WriteLine($"{Abi}.LowerSlice({Canon}.LowerString(cx, v), s, ref i);");
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"{Abi}.LowerSlice(ListTo{id}(cx, v), s, ref i);");
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
                w.WriteLine($"s[i++] = {Raw}.FromU32({EnumCase(shape)});");
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
                w.WriteLine("var start = i;");
                WriteOptionOrResult(w, shape, d => $"s[i++] = {Raw}.FromU32({d});", (m, v) => Lower(m, v));
                WritePad(w, shape);
                break;
            }

            case ShapeKind.Result:
                w.WriteLine("var start = i;");
                WriteOptionOrResult(w, shape, d => $"s[i++] = {Raw}.FromU32({d});", (m, v) => Lower(m, v));
                WritePad(w, shape);
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"s[i++] = {Raw}.FromU32(LowerHandle{id}(cx, v));");
                break;
            case ShapeKind.Stream:
            case ShapeKind.Future:
                w.WriteLine($"s[i++] = {Raw}.FromU32({LowerEnd(shape, "v")});");
                break;
            case ShapeKind.ErrorContext:
                w.WriteLine($"s[i++] = {Raw}.FromU32({AsyncHandles}.LowerErrorContext(cx, v));");
                break;
        }
    }

    /// <summary>
    /// Writes an option's or a result's discriminant (<paramref name="discriminant"/> turns its expression into the
    /// statement), then the payload of the case that has one (<paramref name="payload"/>: the statement for a member
    /// shape and value), null-checked when its type admits null.
    /// </summary>
    private static void WriteOptionOrResult(SourceWriter w, ShapeSpec shape, Func<string, string> discriminant, Func<ShapeSpec, string, string> payload)
    {
        if (shape.Kind != ShapeKind.Result)
        {
            var some = shape.Members[1].Shape!;
            var option = shape.Kind == ShapeKind.Option;
            w.WriteLine(discriminant(option ? "v is null ? 0U : 1U" : "v.HasValue ? 1U : 0U"));
            w.WriteLine(option ? "if (v is { } x)" : "if (v.HasValue)");
            w.OpenBlock();
            w.WriteLine(payload(some, option ? "x" : "v.Value"));
            w.CloseBlock();
            return;
        }

        w.WriteLine(discriminant("v.IsOk ? 0U : 1U"));
        var ok = shape.Members[0].Shape;
        var err = shape.Members[1].Shape;
        if (ok is not null)
        {
            w.WriteLine("if (v.IsOk)");
            w.OpenBlock();
            WriteNullCheck(w, ok, "v.Ok", "the ok payload of a result");
            w.WriteLine(payload(ok, "v.Ok"));
            w.CloseBlock();
        }

        if (err is not null)
        {
            w.WriteLine(ok is null ? "if (!v.IsOk)" : "else");
            w.OpenBlock();
            WriteNullCheck(w, err, "v.Err", "the error payload of a result");
            w.WriteLine(payload(err, "v.Err"));
            w.CloseBlock();
        }
    }

    private static void WritePad(SourceWriter w, ShapeSpec shape) =>
        w.WriteLine($"{Abi}.Pad(s, ref i, start + {N(shape.Flat.Count)});");

    private void WriteLift(SourceWriter w, ShapeSpec shape)
    {
        var id = Id(shape);
        switch (shape.Kind)
        {
            case ShapeKind.String:
                w.WriteLine($"return {Canon}.LiftString(cx, s[i++].U32, s[i++].U32);");
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"return ListFrom{id}(cx, new _A::GuestSlice(s[i++].U32, s[i++].U32));");
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
                w.WriteLine($"{shape.Type} r = s[i++].U32 switch");
                WriteCaseArms(w, shape, payload => Lift(payload));
                w.WriteLine($"i = start + {N(shape.Flat.Count)};");
                w.WriteLine("return r;");
                break;
            case ShapeKind.Enum:
                w.WriteLine($"return ({shape.Type}){EnumDiscriminant(shape, "s[i++].U32")};");
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
                w.WriteLine($"var c = s.Slice(i, {N(shape.Flat.Count)});");
                w.WriteLine($"i += {N(shape.Flat.Count)};");
                w.WriteLine($"return {WideFromChunks(shape, k => $"c[{N(k)}].U32")};");
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"return LiftHandle{id}(cx, s[i++].U32);");
                break;
            case ShapeKind.Stream:
            case ShapeKind.Future:
                w.WriteLine($"return {LiftEnd(shape, "s[i++].U32")};");
                break;
            case ShapeKind.ErrorContext:
                w.WriteLine($"return {AsyncHandles}.LiftErrorContext(cx, s[i++].U32);");
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
                w.WriteLine($"{Canon}.StoreString(cx, v, p);");
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"{Abi}.StoreSlice(cx, p, ListTo{id}(cx, v));");
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
                w.WriteLine(WriteDiscriminant(shape, EnumCase(shape)));
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
            case ShapeKind.Result:
                WriteOptionOrResult(w, shape, d => WriteDiscriminant(shape, d), (m, v) => Store(m, v, Offset("p", shape.PayloadOffset)));
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"var h = LowerHandle{id}(cx, v);");
                w.WriteLine($"{Mem}.WriteU32(cx.GetMemory(), p, h);");
                break;
            case ShapeKind.Stream:
            case ShapeKind.Future:
                w.WriteLine($"var h = {LowerEnd(shape, "v")};");
                w.WriteLine($"{Mem}.WriteU32(cx.GetMemory(), p, h);");
                break;
            case ShapeKind.ErrorContext:
                w.WriteLine($"var h = {AsyncHandles}.LowerErrorContext(cx, v);");
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
                w.WriteLine($"return {Canon}.LoadString(cx, p);");
                break;
            case ShapeKind.List:
            case ShapeKind.Map:
                w.WriteLine($"return ListFrom{id}(cx, {Abi}.LoadSlice(cx, p));");
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
                w.WriteLine($"return {ReadDiscriminant(shape)} switch");
                WriteCaseArms(w, shape, payload => Load(payload, Offset("p", shape.PayloadOffset)));
                break;
            case ShapeKind.Enum:
                w.WriteLine($"return ({shape.Type}){EnumDiscriminant(shape, ReadDiscriminant(shape))};");
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
                w.WriteLine($"return {WideFromChunks(shape, k => $"{Mem}.ReadU32(m, {Offset("p", 4 * k)})")};");
                break;
            case ShapeKind.Own:
            case ShapeKind.Borrow:
                w.WriteLine($"return LiftHandle{id}(cx, {Mem}.ReadU32(cx.GetMemory(), p));");
                break;
            case ShapeKind.Stream:
            case ShapeKind.Future:
                w.WriteLine($"return {LiftEnd(shape, $"{Mem}.ReadU32(cx.GetMemory(), p)")};");
                break;
            case ShapeKind.ErrorContext:
                w.WriteLine($"return {AsyncHandles}.LiftErrorContext(cx, {Mem}.ReadU32(cx.GetMemory(), p));");
                break;
        }
    }

    private List<string> LowerHandle(ShapeSpec shape, string id)
    {
        var role = Role(shape);
        var r = N(role.Index);
        var own = shape.Kind == ShapeKind.Own;
        return Method($"internal uint LowerHandle{id}({Cx} cx, {shape.Type} v)", w =>
        {
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
        });
    }

    private List<string> LiftHandle(ShapeSpec shape, string id)
    {
        var role = Role(shape);
        var r = N(role.Index);
        var own = shape.Kind == ShapeKind.Own;
        return Method($"internal {shape.Type} LiftHandle{id}({Cx} cx, uint h)", w =>
        {
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
        });
    }

    /// <summary>
    /// The arms of a switch expression over a sum's discriminant, one per case (its value from the payload
    /// <paramref name="payload"/> reads), then the trap for any other discriminant.
    /// </summary>
    private static void WriteCaseArms(SourceWriter w, ShapeSpec shape, Func<ShapeSpec, string> payload)
    {
        w.OpenBlock();
        for (var c = 0; c < shape.Members.Count; c++)
        {
            var value = MakeCase(shape, c, shape.Members[c].Shape is { } p ? payload(p) : null);

            // The arms decide the switch's type: a bare default would take the payload's (0 for uint? instead of null).
            w.WriteLine($"{N(c)} => {(value == "default" ? $"default({shape.Type})" : value)},");
        }

        w.WriteLine($"var d => throw {Abi}.InvalidDiscriminant(\"{shape.WitName}\", d),");
        w.CloseBlock(";");
    }

    /// <summary>The case number of the enum value <c>v</c>, checked to name a case (the runtime's <c>EnumCase</c>).</summary>
    private static string EnumCase(ShapeSpec shape) => $"{Abi}.EnumCase((uint)v, {N(shape.Count)}U, \"{shape.WitName}\")";

    /// <summary>The enum discriminant read by <paramref name="read"/>, checked to name a case (a trap otherwise).</summary>
    private static string EnumDiscriminant(ShapeSpec shape, string read) => $"{Abi}.EnumDiscriminant({read}, {N(shape.Count)}U, \"{shape.WitName}\")";

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
                    ? $"_C::SharedCase<{shape.Members[index].Name}>.Value"
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

    /// <summary>The wide flags value built from its 32-bit chunks, <paramref name="chunk"/> reading chunk k.</summary>
    private static string WideFromChunks(ShapeSpec shape, Func<int, string> chunk)
    {
        var words = new List<string>();
        for (var k = 0; k < shape.Members.Count; k++)
        {
            var lowChunk = 2 * k;
            var highChunk = lowChunk + 1;
            var low = $"(ulong)({chunk(lowChunk)} & {Mask32(Math.Min(32, shape.Count - (32 * lowChunk)))})";
            var word = highChunk < shape.Flat.Count
                ? $"{low} | ((ulong)({chunk(highChunk)} & {Mask32(Math.Min(32, shape.Count - (32 * highChunk)))}) << 32)"
                : low;
            words.Add(word);
        }

        return $"new {shape.Type}({string.Join(", ", words)})";
    }
}
