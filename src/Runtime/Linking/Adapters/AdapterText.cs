using System.Globalization;
using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Linking.Adapters;

/// <summary>
/// The text of a wasm adapter for a function whose parameters are flat (not spilled) one-slot scalars (numbers,
/// <c>bool</c>, <c>char</c>; also as fields of records and tuples) or lists of plain data (integers, and records, tuples and fixed-length lists of them),
/// and whose result is absent, a one-slot scalar other than <c>char</c>, or a record or tuple of integers returned
/// through memory: caller and callee then have the same core signature (but for the caller's return area). The adapter checks the flags, enters the callee, copies each list into a block the callee's
/// <c>realloc</c> gives (<c>memory.copy</c> between the two memories), calls the callee on the converted arguments
/// (CanonicalABI.md's <c>lift_flat</c> then <c>lower_flat</c>: <c>bool</c> to 0 or 1, 8- and 16-bit integers wrapped
/// and sign- or zero-extended, NaNs made canonical), runs its <c>post-return</c> with <c>may_leave</c> cleared,
/// leaves it and returns the converted result.
/// </summary>
/// <remarks>
/// What the fast path does not decide itself goes, before anything happened, to the host-side adapter (import
/// <c>slow</c>), which handles it exactly as it always has (the call, or a trap of the same kind): the caller may not
/// leave or is not running in a call, a callee instance is running, poisoned or disposed, an invalid <c>char</c>, a
/// list too long, misaligned or out of the caller's memory, the adapter stack full. A block the callee's
/// <c>realloc</c> returns misaligned or out of bounds is handed to import <c>fail</c>, which raises the host-side
/// adapter's own trap for it.
/// </remarks>
internal static class AdapterText
{
    /// <summary>Whether a function type and the two sides' options fit this adapter.</summary>
    /// <param name="type">The function type.</param>
    /// <param name="postReturnParameters">The callee's post-return's parameter count, or null without one.</param>
    /// <param name="memories">Whether both sides have a memory (lists and spilled results need them).</param>
    /// <param name="calleeRealloc">Whether the callee has a <c>realloc</c> (lists and strings in parameters need it).</param>
    /// <param name="callerRealloc">Whether the caller has a <c>realloc</c> (a string result needs it).</param>
    /// <param name="strings">
    /// The encoding of both sides when strings pass as their bytes (<see cref="AdapterStrings.Copies"/>), null otherwise
    /// (a function with strings then keeps the host-side adapter).
    /// </param>
    public static bool Supports(AbiFunctionType type, int? postReturnParameters, bool memories, bool calleeRealloc, bool callerRealloc, StringEncoding? strings)
    {
        if (type.ParametersSpilled || type.Results.Length > 1)
        {
            return false;
        }

        foreach (var parameter in type.Parameters)
        {
            if (!IsItems(parameter, memories && calleeRealloc, strings is not null))
            {
                return false;
            }
        }

        if (type.ResultsSpilled)
        {
            // A result in memory: plain data (integers, records and tuples of them) is copied as bytes; a string into
            // a block the caller's realloc gives.
            var result = type.Results[0];
            if (!memories || !(IsPlainRecord(result) || AdapterVariants.IsPlainSpilled(result) || (result.Kind == AbiTypeKind.String && strings is not null && callerRealloc)))
            {
                return false;
            }
        }
        else if (!type.Results.All(r => IsScalar(r) || (AdapterVariants.IsFlat(r) && r.FlatCount == 1)))
        {
            return false;
        }

        return postReturnParameters is null || postReturnParameters == type.LiftSignature.Results.Length;
    }

    /// <summary>Whether the module imports both memories (lists or a spilled result).</summary>
    public static bool UsesMemories(AbiFunctionType type) => HasLists(type) || type.ResultsSpilled;

    /// <summary>Whether any parameter is a list or a string (the module then imports <c>realloc</c> and <c>fail</c>).</summary>
    public static bool HasLists(AbiFunctionType type) => type.Parameters.Any(HasCopied);

    /// <summary>Whether a parameter has strings to validate in the caller's memory.</summary>
    private static bool HasStrings(AbiType type) =>
        type.Kind == AbiTypeKind.String || (type is AbiProductType product && product.FieldTypes.Any(HasStrings));

    private static bool HasCopied(AbiType type) =>
        IsCopied(type) || (type is AbiProductType product && product.FieldTypes.Any(HasCopied));

    /// <summary>Whether the result is one slot that may be invalid (a <c>char</c>, an enum): the module then imports <c>fail-flat</c>.</summary>
    public static bool ChecksResult(AbiFunctionType type) =>
        !type.ResultsSpilled && type.Results.Length == 1 && AdapterVariants.Invalid(type.Results[0], string.Empty) is not null;

    /// <summary>Whether the result is a variant in memory (the module then imports <c>fail-variant</c>).</summary>
    public static bool HasSpilledVariant(AbiFunctionType type) => type.ResultsSpilled && type.Results[0] is AbiSumType;

    /// <summary>Whether the result is a string (the module then imports <c>caller-realloc</c>, <c>fail-caller</c> and <c>fail-string</c>).</summary>
    public static bool HasStringResult(AbiFunctionType type) => type.Results.Length == 1 && type.Results[0].Kind == AbiTypeKind.String;

    private static bool IsCopied(AbiType type) => type.Kind is AbiTypeKind.List or AbiTypeKind.String;

    /// <summary>
    /// The module's text; its imports, in order: <c>cells</c>, <c>callee</c>, <c>slow</c>, <c>post</c> when
    /// <paramref name="postReturn"/>; when <see cref="UsesMemories"/>, <c>caller-memory</c> and <c>callee-memory</c>;
    /// when <see cref="HasLists"/>, <c>realloc</c> (the callee's) and <c>fail</c> (<c>(param ptr size align)</c>);
    /// when the result spills, <c>fail-result</c> (<c>(param from to)</c>); when <see cref="HasStringResult"/>,
    /// <c>caller-realloc</c>, <c>fail-caller</c> (<c>(param ptr size align)</c>) and <c>fail-string</c>
    /// (<c>(param ptr units)</c>); when <see cref="ChecksResult"/>, <c>fail-flat</c> (<c>(param result)</c>); when
    /// <see cref="HasSpilledVariant"/>, <c>fail-variant</c> (<c>(param from to)</c>).
    /// </summary>
    /// <param name="type">The function type.</param>
    /// <param name="callerCell">The caller instance's cell.</param>
    /// <param name="calleeCells">The cells of the instances the call enters, the callee's first.</param>
    /// <param name="id">The adapter's id (<see cref="AdapterCells.Register"/>).</param>
    /// <param name="resultsId">
    /// The id the adapter's stack entry has while the caller's <c>realloc</c> receives a string result
    /// (<see cref="AdapterCells.RegisterResults"/>).
    /// </param>
    /// <param name="postReturn">Whether the callee has a <c>post-return</c>.</param>
    /// <param name="encoding">The strings' encoding on both sides (used when the function has strings).</param>
    public static string Build(AbiFunctionType type, int callerCell, IReadOnlyList<int> calleeCells, int id, int resultsId, bool postReturn, StringEncoding encoding)
    {
        var signature = type.LowerSignature;
        var results = type.LiftSignature.Results;
        var lists = HasLists(type);
        var t = new StringBuilder();
        t.Append("(module\n");
        t.Append("  (import \"a\" \"cells\" (memory 1 1))\n");
        t.Append("  (import \"a\" \"callee\" (func $callee ").Append(Inner(type.LiftSignature)).Append("))\n");
        t.Append("  (import \"a\" \"slow\" (func $slow ").Append(Inner(signature)).Append("))\n");
        if (postReturn)
        {
            t.Append("  (import \"a\" \"post\" (func $post").Append(results.Length == 0 ? string.Empty : " (param " + Name(results[0]) + ")").Append("))\n");
        }

        if (UsesMemories(type))
        {
            t.Append("  (import \"a\" \"caller-memory\" (memory 0))\n");
            t.Append("  (import \"a\" \"callee-memory\" (memory 0))\n");
        }

        if (lists)
        {
            t.Append("  (import \"a\" \"realloc\" (func $realloc (param i32 i32 i32 i32) (result i32)))\n");
            t.Append("  (import \"a\" \"fail\" (func $fail (param i32 i32 i32)))\n");
        }

        if (type.ResultsSpilled)
        {
            t.Append("  (import \"a\" \"fail-result\" (func $fail-result (param i32 i32)))\n");
        }

        var stringResult = HasStringResult(type);
        if (stringResult)
        {
            t.Append("  (import \"a\" \"caller-realloc\" (func $caller-realloc (param i32 i32 i32 i32) (result i32)))\n");
            t.Append("  (import \"a\" \"fail-caller\" (func $fail-caller (param i32 i32 i32)))\n");
            t.Append("  (import \"a\" \"fail-string\" (func $fail-string (param i32 i32)))\n");
        }

        if (HasSpilledVariant(type))
        {
            t.Append("  (import \"a\" \"fail-variant\" (func $fail-variant (param i32 i32)))\n");
        }

        if (ChecksResult(type))
        {
            t.Append("  (import \"a\" \"fail-flat\" (func $fail-flat (param ").Append(Name(results[0])).Append(")))\n");
        }

        if (UsesMemories(type))
        {
            // The bytes of a memory the runtime reaches (GuestMemoryReach: at most 2 GiB - 1).
            t.Append("  (func $caller-length (result i64) (i64.const 0x7fffffff) (i64.shl (i64.extend_i32_u (memory.size 1)) (i64.const 16))")
                .Append(" (i64.lt_u (i64.const 0x7fffffff) (i64.shl (i64.extend_i32_u (memory.size 1)) (i64.const 16))) (select))\n");
            t.Append("  (func $callee-length (result i64) (i64.const 0x7fffffff) (i64.shl (i64.extend_i32_u (memory.size 2)) (i64.const 16))")
                .Append(" (i64.lt_u (i64.const 0x7fffffff) (i64.shl (i64.extend_i32_u (memory.size 2)) (i64.const 16))) (select))\n");
        }

        var unit = AdapterStrings.Unit(encoding);
        if (type.Parameters.Any(HasStrings))
        {
            AdapterStrings.AppendValidator(t, encoding, 1);
        }

        if (stringResult)
        {
            AdapterStrings.AppendValidator(t, encoding, 2);
        }

        // The flat parameters: one item per scalar (records and tuples give one per field) or list, with its first
        // core parameter (a spilled result adds the return area last).
        var items = new List<(AbiType Type, int Slot)>();
        foreach (var parameter in type.Parameters)
        {
            Flatten(parameter, items);
        }

        t.Append("  (func (export \"adapter\") ").Append(Inner(signature)).Append('\n');
        t.Append("    (local $tid i32) (local $sp i32)");
        if (results.Length != 0)
        {
            t.Append(" (local $r ").Append(Name(results[0])).Append(')');
        }

        if (stringResult)
        {
            t.Append(" (local $rs i32) (local $rn i32) (local $rb i32) (local $rq i32)");
        }

        if (HasSpilledVariant(type))
        {
            t.Append(" (local $rd i32)");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (IsCopied(items[i].Type))
            {
                t.Append(CultureInfo.InvariantCulture, $" (local $q{i} i32) (local $b{i} i32)");
            }
        }

        t.Append('\n');
        t.Append("    (block $slow\n");
        Line(t, $"(local.set $tid (i32.load (i32.const {callerCell})))");
        Line(t, "(br_if $slow (i32.eqz (local.get $tid)))");
        Line(t, $"(br_if $slow (i32.and (i32.load (i32.const {callerCell + 4})) (i32.const {State.InstanceState.CellMayNotLeave})))");
        foreach (var cell in calleeCells)
        {
            Line(t, $"(br_if $slow (i64.ne (i64.load (i32.const {cell})) (i64.const 0)))");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var p = items[i].Slot;
            switch (items[i].Type.Kind)
            {
                case AbiTypeKind.Char:
                    Line(t, $"(br_if $slow {AdapterVariants.InvalidChar($"(local.get {p})")})");
                    break;
                case AbiTypeKind.Variant or AbiTypeKind.Enum or AbiTypeKind.Option or AbiTypeKind.Result:
                    AdapterVariants.AppendChecks(t, (AbiSumType)items[i].Type, p, Line);
                    break;
                case AbiTypeKind.List:
                {
                    var element = ((AbiListType)items[i].Type).Element;
                    var bytes = $"(i64.mul (i64.extend_i32_u (local.get {p + 1})) (i64.const {element.Size}))";
                    Line(t, $"(br_if $slow (i64.gt_u {bytes} (i64.const {CanonicalAbi.MaxListByteLength})))");
                    if (element.Alignment > 1)
                    {
                        Line(t, $"(br_if $slow (i32.and (local.get {p}) (i32.const {element.Alignment - 1})))");
                    }

                    Line(t, $"(br_if $slow (i64.gt_u (i64.add (i64.extend_i32_u (local.get {p})) {bytes}) (call $caller-length)))");
                    Line(t, $"(local.set $b{i} (i32.mul (local.get {p + 1}) (i32.const {element.Size})))");
                    break;
                }

                case AbiTypeKind.String:
                {
                    // load_string_from_range in the caller's memory: the length bound, alignment, bounds, encoding.
                    var bytes = $"(i64.mul (i64.extend_i32_u (local.get {p + 1})) (i64.const {unit}))";
                    Line(t, $"(br_if $slow (i64.gt_u {bytes} (i64.const {CanonicalAbi.MaxStringByteLength})))");
                    if (unit > 1)
                    {
                        Line(t, $"(br_if $slow (i32.and (local.get {p}) (i32.const {unit - 1})))");
                    }

                    Line(t, $"(br_if $slow (i64.gt_u (i64.add (i64.extend_i32_u (local.get {p})) {bytes}) (call $caller-length)))");
                    Line(t, $"(br_if $slow (i32.eqz (call {AdapterStrings.Validator(1)} (local.get {p}) (local.get {p + 1}))))");
                    Line(t, $"(local.set $b{i} (i32.mul (local.get {p + 1}) (i32.const {unit})))");
                    break;
                }
            }
        }

        Line(t, $"(local.set $sp (i32.load (i32.const {AdapterCells.StackPointer})))");
        Line(t, $"(br_if $slow (i32.ge_u (local.get $sp) (i32.const {AdapterCells.StackEnd})))");
        Line(t, $"(i32.store (local.get $sp) (i32.const {id}))");
        Line(t, $"(i32.store (i32.const {AdapterCells.StackPointer}) (i32.add (local.get $sp) (i32.const 4)))");
        foreach (var cell in calleeCells)
        {
            Line(t, $"(i32.store (i32.const {cell}) (local.get $tid))");
        }

        var flags = calleeCells[0] + 4;
        for (var i = 0; i < items.Count; i++)
        {
            if (!IsCopied(items[i].Type))
            {
                continue;
            }

            // realloc(0, 0, alignment, size) in the callee, which may not leave meanwhile; then the block's checks and the copy.
            var p = items[i].Slot;
            var alignment = items[i].Type is AbiListType list ? list.Element.Alignment : unit;
            CheckedRealloc(t, flags, "$realloc", $"$q{i}", $"$b{i}", alignment, "$callee-length", "$fail");
            Line(t, $"(memory.copy 2 1 (local.get $q{i}) (local.get {p}) (local.get $b{i}))");
        }

        var call = new StringBuilder("(call $callee");
        for (var i = 0; i < items.Count; i++)
        {
            var p = items[i].Slot;
            call.Append(' ').Append(IsCopied(items[i].Type)
                ? $"(local.get $q{i}) (local.get {p + 1})"
                : items[i].Type is AbiSumType sum ? AdapterVariants.Arguments(sum, p, Convert) : Convert(items[i].Type, $"(local.get {p})"));
        }

        call.Append(')');
        Line(t, results.Length == 0 ? call.ToString() : $"(local.set $r {call})");
        if (ChecksResult(type))
        {
            // A result that is not valid is the callee's fault: fail-flat raises the host-side adapter's trap.
            Line(t, $"(if {AdapterVariants.Invalid(type.Results[0], "(local.get $r)")} (then (call $fail-flat (local.get $r)) (unreachable)))");
        }
        if (type.ResultsSpilled)
        {
            // The callee's result block, then the caller's return area (its last argument), each aligned and in
            // bounds; the bytes are copied as they are.
            var result = type.Results[0];
            var area = $"(local.get {signature.Parameters.Length - 1})";
            Line(t, $"(if (i32.or (i32.or (i32.and (local.get $r) (i32.const {result.Alignment - 1})) (i64.gt_u (i64.add (i64.extend_i32_u (local.get $r)) (i64.const {result.Size})) (call $callee-length)))");
            Line(t, $"    (i32.or (i32.and {area} (i32.const {result.Alignment - 1})) (i64.gt_u (i64.add (i64.extend_i32_u {area}) (i64.const {result.Size})) (call $caller-length))))");
            Line(t, $"  (then (call $fail-result (local.get $r) {area}) (unreachable)))");
            if (stringResult)
            {
                StringResult(t, area, callerCell + 4, id, resultsId, unit);
            }
            else if (result is AbiSumType sum)
            {
                AdapterVariants.AppendSpilledResult(t, sum, area, Line);
            }
            else
            {
                Line(t, $"(memory.copy 1 2 {area} (local.get $r) (i32.const {result.Size}))");
            }
        }

        if (postReturn)
        {
            WhileMayNotLeave(t, flags, results.Length == 0 ? "(call $post)" : "(call $post (local.get $r))");
        }

        foreach (var cell in calleeCells)
        {
            Line(t, $"(i32.store (i32.const {cell}) (i32.const 0))");
        }

        Line(t, $"(i32.store (i32.const {AdapterCells.StackPointer}) (local.get $sp))");
        Line(t, results.Length == 0 || type.ResultsSpilled ? "(return)" : $"(return {Convert(type.Results[0], "(local.get $r)")})");
        t.Append("    )\n");
        t.Append("    (call $slow");
        for (var i = 0; i < signature.Parameters.Length; i++)
        {
            t.Append(" (local.get ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        t.Append(")))\n");
        return t.ToString();
    }

    /// <summary>
    /// A string result (its pointer and length at <c>$r</c> in the callee's memory, both checked) into the caller's
    /// return area <paramref name="area"/>: <c>load_string_from_range</c> in the callee's memory (a fault is the
    /// callee's: <c>fail-string</c> raises the host-side adapter's trap), then <c>store_string_copy</c> into a block
    /// the caller's <c>realloc</c> gives, the caller unable to leave meanwhile and the adapter's stack entry saying
    /// so (a trap in or a bad block from that <c>realloc</c> is the caller's, as on the host-side adapter: the callee
    /// is left, not poisoned).
    /// </summary>
    private static void StringResult(StringBuilder t, string area, int callerFlags, int id, int resultsId, int unit)
    {
        Line(t, "(local.set $rs (i32.load 2 (local.get $r)))");
        Line(t, "(local.set $rn (i32.load 2 offset=4 (local.get $r)))");
        var bytes = $"(i64.mul (i64.extend_i32_u (local.get $rn)) (i64.const {unit}))";
        var misaligned = unit > 1 ? $"(i32.and (local.get $rs) (i32.const {unit - 1}))" : "(i32.const 0)";
        Line(t, $"(if (i32.or (i32.or (i64.gt_u {bytes} (i64.const {CanonicalAbi.MaxStringByteLength})) {misaligned})");
        Line(t, $"    (i64.gt_u (i64.add (i64.extend_i32_u (local.get $rs)) {bytes}) (call $callee-length)))");
        Line(t, "  (then (call $fail-string (local.get $rs) (local.get $rn)) (unreachable)))");
        Line(t, $"(if (i32.eqz (call {AdapterStrings.Validator(2)} (local.get $rs) (local.get $rn)))");
        Line(t, "  (then (call $fail-string (local.get $rs) (local.get $rn)) (unreachable)))");
        Line(t, $"(local.set $rb (i32.mul (local.get $rn) (i32.const {unit})))");
        Line(t, $"(i32.store (local.get $sp) (i32.const {resultsId}))");
        CheckedRealloc(t, callerFlags, "$caller-realloc", "$rq", "$rb", unit, "$caller-length", "$fail-caller");
        Line(t, $"(i32.store (local.get $sp) (i32.const {id}))");
        Line(t, "(memory.copy 1 2 (local.get $rq) (local.get $rs) (local.get $rb))");
        Line(t, $"(i32.store 1 {area} (local.get $rq))");
        Line(t, $"(i32.store 1 offset=4 {area} (local.get $rn))");
    }

    /// <summary>Whether a value type is one core slot checked or converted without memory.</summary>
    public static bool IsScalar(AbiType type) => type.Kind is AbiTypeKind.Bool or AbiTypeKind.S8 or AbiTypeKind.U8
        or AbiTypeKind.S16 or AbiTypeKind.U16 or AbiTypeKind.S32 or AbiTypeKind.U32 or AbiTypeKind.S64 or AbiTypeKind.U64
        or AbiTypeKind.F32 or AbiTypeKind.F64 or AbiTypeKind.Char;

    /// <summary>
    /// Whether a parameter flattens to items the adapter passes: one-slot scalars, flat variants, and when
    /// <paramref name="copies"/> (both memories and the callee's <c>realloc</c>) lists of plain data and, when
    /// <paramref name="strings"/>, strings; alone or as fields of records and tuples.
    /// </summary>
    private static bool IsItems(AbiType type, bool copies, bool strings) =>
        IsScalar(type) || AdapterVariants.IsFlat(type)
        || (copies && (IsPlainList(type) || (strings && type.Kind == AbiTypeKind.String)))
        || (type.Kind is AbiTypeKind.Record or AbiTypeKind.Tuple && ((AbiProductType)type).FieldTypes.All(f => IsItems(f, copies, strings)));

    /// <summary>Whether a value type flattens to one-slot scalars only: a scalar, or a record or tuple of such.</summary>
    public static bool IsScalars(AbiType type) =>
        IsScalar(type) || (type.Kind is AbiTypeKind.Record or AbiTypeKind.Tuple && ((AbiProductType)type).FieldTypes.All(IsScalars));

    /// <summary>Appends the flat items of a parameter: its scalars (fields in order) or the list itself.</summary>
    private static void Flatten(AbiType type, List<(AbiType Type, int Slot)> items)
    {
        var slot = items.Count == 0 ? 0 : items[^1].Slot + (int)items[^1].Type.FlatCount;
        if (type.Kind is AbiTypeKind.Record or AbiTypeKind.Tuple)
        {
            foreach (var field in ((AbiProductType)type).FieldTypes)
            {
                Flatten(field, items);
            }

            return;
        }

        items.Add((type, slot));
    }

    /// <summary>A record or tuple of plain data (<see cref="ValueTransfer.IsPlainData"/>), of a nonzero size.</summary>
    private static bool IsPlainRecord(AbiType type) =>
        type.Kind is AbiTypeKind.Record or AbiTypeKind.Tuple && type.Size > 0 && ValueTransfer.IsPlainData(type);

    /// <summary>A list whose elements are copied as bytes (<see cref="ValueTransfer.IsPlainData"/>), of a nonzero size.</summary>
    private static bool IsPlainList(AbiType type) =>
        type is AbiListType list && list.Element.Size > 0 && ValueTransfer.IsPlainData(list.Element);

    /// <summary><c>lift_flat</c> of one side then <c>lower_flat</c> into the other, on the value <paramref name="value"/> computes.</summary>
    private static string Convert(AbiType type, string value) => type.Kind switch
    {
        AbiTypeKind.Bool => $"(i32.ne {value} (i32.const 0))",
        AbiTypeKind.S8 => $"(i32.extend8_s {value})",
        AbiTypeKind.U8 => $"(i32.and {value} (i32.const 0xff))",
        AbiTypeKind.S16 => $"(i32.extend16_s {value})",
        AbiTypeKind.U16 => $"(i32.and {value} (i32.const 0xffff))",
        AbiTypeKind.F32 => $"(select (f32.reinterpret_i32 (i32.const {CanonicalAbi.CanonicalF32NanBits})) {value} (f32.ne {value} {value}))",
        AbiTypeKind.F64 => $"(select (f64.reinterpret_i64 (i64.const {CanonicalAbi.CanonicalF64NanBits})) {value} (f64.ne {value} {value}))",
        _ => value,
    };

    /// <summary>
    /// <c>realloc(0, 0, alignment, size)</c> into <paramref name="block"/>, called while the instance whose flags cell is
    /// at <paramref name="flags"/> may not leave, then the block's checks (aligned, and inside the memory whose byte
    /// length <paramref name="length"/> gives), a bad block ending in <paramref name="fail"/> (block, size, alignment).
    /// </summary>
    private static void CheckedRealloc(StringBuilder t, int flags, string realloc, string block, string size, int alignment, string length, string fail)
    {
        WhileMayNotLeave(t, flags, $"(local.set {block} (call {realloc} (i32.const 0) (i32.const 0) (i32.const {alignment}) (local.get {size})))");
        Line(t, $"(if (i32.or (i32.and (local.get {block}) (i32.const {alignment - 1})) (i64.gt_u (i64.add (i64.extend_i32_u (local.get {block})) (i64.extend_i32_u (local.get {size}))) (call {length})))");
        Line(t, $"  (then (call {fail} (local.get {block}) (local.get {size}) (i32.const {alignment})) (unreachable)))");
    }

    /// <summary><paramref name="line"/> (a call of <c>realloc</c> or <c>post-return</c>) run while the instance whose flags cell is at <paramref name="flags"/> may not leave.</summary>
    private static void WhileMayNotLeave(StringBuilder t, int flags, string line)
    {
        var mayNotLeave = State.InstanceState.CellMayNotLeave;
        Line(t, $"(i32.store (i32.const {flags}) (i32.or (i32.load (i32.const {flags})) (i32.const {mayNotLeave})))");
        Line(t, line);
        Line(t, $"(i32.store (i32.const {flags}) (i32.and (i32.load (i32.const {flags})) (i32.const {~mayNotLeave})))");
    }

    private static void Line(StringBuilder t, string line) => t.Append("      ").Append(line).Append('\n');

    /// <summary>The <c>(param …) (result …)</c> part of a signature.</summary>
    private static string Inner(CoreFunctionSignature signature)
    {
        var text = signature.ToString();
        return text["(func".Length..^1].Trim();
    }

    private static string Name(CoreValueType type) => type switch
    {
        CoreValueType.I32 => "i32",
        CoreValueType.I64 => "i64",
        CoreValueType.F32 => "f32",
        _ => "f64",
    };
}
