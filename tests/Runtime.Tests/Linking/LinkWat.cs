using System.Text;
using WitBindgen.Runtime.Tests.Components;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>A component function for <see cref="LinkWat.Forwarder"/>: its type and its lifted core signature.</summary>
/// <param name="Name">The import and export name.</param>
/// <param name="Type">The component function type's parameters and result, as WAT.</param>
/// <param name="LiftParams">The core parameters of the lifted function (one <c>i32</c> when they spill).</param>
/// <param name="LiftResult">The core result of the lifted function, or null.</param>
/// <param name="ResultSpilled">Whether the result goes through memory (the lowered import then takes a return pointer).</param>
internal sealed record LinkFunction(string Name, string Type, string[] LiftParams, string? LiftResult, bool ResultSpilled = false);

/// <summary>WAT components for linking tests.</summary>
internal static class LinkWat
{
    /// <summary>Named types every forwarder declares (as eq-bounded type imports, so function types may use them).</summary>
    public const string Types = """
          (type $point-def (record (field "name" string) (field "x" s32) (field "y" u32)))
          (import "point-type" (type $point (eq $point-def)))
          (type $shape-def (variant (case "none") (case "circle" f32) (case "rect" (tuple u64 u16)) (case "label" string)))
          (import "shape-type" (type $shape (eq $shape-def)))
          (type $color-def (enum "red" "green" "blue"))
          (import "color-type" (type $color (eq $color-def)))
          (type $perms-def (flags "read" "write" "exec"))
          (import "perms-type" (type $perms (eq $perms-def)))
        """;

    /// <summary>The functions of the value tests: every type family, flat and spilled, both directions.</summary>
    public static readonly LinkFunction[] Functions =
    [
        new("add", """(param "a" u32) (param "b" u32) (result u32)""", ["i32", "i32"], "i32"),
        new("scalars", """(param "a" bool) (param "b" s8) (param "c" u16) (param "d" s64) (param "e" f32) (param "f" f64) (param "g" char) (result (tuple bool s8 u16 s64 f32 f64 char))""",
            ["i32", "i32", "i32", "i64", "f32", "f64", "i32"], "i32", ResultSpilled: true),
        new("small", """(param "a" s8) (param "b" s16) (param "c" u8) (result s16)""", ["i32", "i32", "i32"], "i32"),
        new("echo", """(param "s" string) (result string)""", ["i32", "i32"], "i32", ResultSpilled: true),
        new("points", """(param "ps" (list $point)) (result (list $point))""", ["i32", "i32"], "i32", ResultSpilled: true),
        new("shape", """(param "v" $shape) (result $shape)""", ["i32", "i64", "i32"], "i32", ResultSpilled: true),
        new("opts", """(param "o" (option u8)) (param "r" (result string (error u32))) (param "e" $color) (param "f" $perms) (result (tuple (option u8) (result string (error u32)) $color $perms))""",
            ["i32", "i32", "i32", "i32", "i32", "i32", "i32"], "i32", ResultSpilled: true),
        new("pick", """(param "e" $color) (param "f" $perms) (result $perms)""", ["i32", "i32"], "i32"),
        new("many", """(param "s" string) (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32) (param "f" u32) (param "g" u32) (param "h" u32) (param "i" u32) (param "j" u32) (param "k" u32) (param "l" u32) (param "m" u32) (param "n" u32) (param "o" u32) (result u32)""",
            ["i32"], "i32"),
        new("nums", """(param "a" (list u16)) (param "b" (list f64)) (param "c" (list s64)) (result (tuple (list u16) (list f64) (list s64)))""",
            ["i32", "i32", "i32", "i32", "i32", "i32"], "i32", ResultSpilled: true),
        new("nested", """(param "x" (list (list string))) (result (option (list string)))""", ["i32", "i32"], "i32", ResultSpilled: true),
    ];

    /// <summary>
    /// A component that imports each function and exports it with the same type, its core code passing the core
    /// arguments straight through (a return area at 1024 for spilled results). Linked to another instance, it is
    /// the caller; given host imports, it is a callee that shows the host exactly what it received.
    /// </summary>
    /// <param name="functions">The functions.</param>
    /// <param name="encoding">The string encoding of every lift and lower (<c>utf8</c>, <c>utf16</c>, <c>latin1+utf16</c>).</param>
    /// <param name="types">Type definitions the function types use.</param>
    public static string Forwarder(IEnumerable<LinkFunction> functions, string encoding, string types = Types)
    {
        var list = functions.ToList();
        var options = $"(memory (core memory $libc \"memory\")) (realloc (core func $libc \"realloc\")) string-encoding={encoding}";
        var text = new StringBuilder("(component\n").Append(types).Append('\n');
        foreach (var f in list)
        {
            text.Append($"  (import \"{f.Name}\" (func $imp-{f.Name} {f.Type}))\n");
        }

        text.Append(Wat.Libc).Append('\n');
        foreach (var f in list)
        {
            text.Append($"  (core func $low-{f.Name} (canon lower (func $imp-{f.Name}) {options}))\n");
        }

        text.Append("  (core module $m\n");
        foreach (var f in list)
        {
            var lowerParams = f.ResultSpilled ? [.. f.LiftParams, "i32"] : f.LiftParams;
            var result = f.ResultSpilled || f.LiftResult is null ? "" : $" (result {f.LiftResult})";
            text.Append($"    (import \"i\" \"{f.Name}\" (func $c-{f.Name} (param {string.Join(' ', lowerParams)}){result}))\n");
        }

        foreach (var f in list)
        {
            var result = f.LiftResult is null ? "" : $" (result {f.LiftResult})";
            var arguments = string.Concat(f.LiftParams.Select((_, i) => $" (local.get {i})"));
            var body = f.ResultSpilled ? $"(call $c-{f.Name}{arguments} (i32.const 1024)) (i32.const 1024)" : $"(call $c-{f.Name}{arguments})";
            text.Append($"    (func (export \"{f.Name}\") (param {string.Join(' ', f.LiftParams)}){result} {body})\n");
        }

        text.Append("  )\n  (core instance $i (instantiate $m (with \"i\" (instance");
        foreach (var f in list)
        {
            text.Append($" (export \"{f.Name}\" (func $low-{f.Name}))");
        }

        text.Append("))))\n");
        foreach (var f in list)
        {
            text.Append($"  (func $lift-{f.Name} {f.Type} (canon lift (core func $i \"{f.Name}\") {options}))\n");
            text.Append($"  (export \"{f.Name}\" (func $lift-{f.Name}))\n");
        }

        return text.Append(')').ToString();
    }

    /// <summary>
    /// The live pair of the value tests as one composed binary: the callee forwarder instantiated with the outer
    /// component's imports, the caller forwarder with the callee's exports, the caller's exports exported.
    /// </summary>
    public static string Composed(IEnumerable<LinkFunction> functions, string callerEncoding, string calleeEncoding)
    {
        var list = functions.ToList();
        const string typeArguments = """(with "point-type" (type $point)) (with "shape-type" (type $shape)) (with "color-type" (type $color)) (with "perms-type" (type $perms))""";
        var text = new StringBuilder("(component\n").Append(Types).Append('\n');
        foreach (var f in list)
        {
            text.Append($"  (import \"{f.Name}\" (func $h-{f.Name} {f.Type}))\n");
        }

        text.Append(Nested("$callee", Forwarder(list, calleeEncoding))).Append('\n');
        text.Append(Nested("$caller", Forwarder(list, callerEncoding))).Append('\n');
        text.Append("  (instance $b (instantiate $callee ").Append(typeArguments);
        foreach (var f in list)
        {
            text.Append($" (with \"{f.Name}\" (func $h-{f.Name}))");
        }

        text.Append("))\n  (instance $a (instantiate $caller ").Append(typeArguments);
        foreach (var f in list)
        {
            text.Append($" (with \"{f.Name}\" (func $b \"{f.Name}\"))");
        }

        text.Append("))\n");
        foreach (var f in list)
        {
            text.Append($"  (export \"{f.Name}\" (func $a \"{f.Name}\"))\n");
        }

        return text.Append(')').ToString();

        static string Nested(string id, string component) => "(component " + id + component["(component".Length..];
    }
}
