namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// A composed binary for wasm adapters of flat variants: a callee (B) whose functions pack the core values they
/// received into a <c>u64</c> (the discriminant high, the payload slots low) or return an enum or <c>char</c> they are
/// given, and a caller (A) whose exports pass raw core values (any bits) to them.
/// </summary>
internal static class WasmAdapterVariantWat
{
    /// <summary>B's and A's functions: name, component type, B's core parameters and result, B's core body.</summary>
    private static readonly (string Name, string Type, string Params, string Result, string Body)[] Functions =
    [
        ("opt", """(param "o" (option u8)) (result u64)""", "i32 i32", "i64", "(i64.or (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 32)) (i64.extend_i32_u (local.get 1)))"),
        ("res", """(param "r" (result s8 (error u16))) (result u64)""", "i32 i32", "i64", "(i64.or (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 32)) (i64.extend_i32_u (local.get 1)))"),
        ("var", """(param "v" $v) (result u64)""", "i32 i32 i32", "i64",
            "(i64.or (i64.or (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 48)) (i64.shl (i64.extend_i32_u (local.get 1)) (i64.const 16))) (i64.extend_i32_u (local.get 2)))"),
        ("fopt", """(param "o" (option f32)) (result u64)""", "i32 f32", "i64", "(i64.or (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 32)) (i64.extend_i32_u (i32.reinterpret_f32 (local.get 1))))"),
        ("mixed", """(param "v" $m) (result u64)""", "i32 i32", "i64", "(i64.or (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 32)) (i64.extend_i32_u (local.get 1)))"),
        ("color", """(param "e" $c) (result $c)""", "i32", "i32", "(local.get 0)"),
        ("char-of", """(param "x" u32) (result char)""", "i32", "i32", "(local.get 0)"),
    ];

    /// <summary>The named types the functions use, defined at the root and imported by both (exports need named variants and enums).</summary>
    private static readonly (string Name, string Definition)[] Types =
    [
        ("v", """(variant (case "a") (case "b" bool) (case "c" char) (case "d" (tuple u8 u16)))"""),
        ("m", """(variant (case "a" u32) (case "b" f32))"""),
        ("c", """(enum "red" "green" "blue")"""),
    ];

    /// <summary>The functions A imports from B (the last one, <c>mixed</c>, needs a coercion between core types: the host path keeps it).</summary>
    public static readonly string[] Linked = [.. Functions.Select(f => f.Name), "ropt"];

    /// <summary>
    /// <c>ropt(d, v) -> result&lt;u32, u8&gt;</c>, returned in memory: B writes the discriminant byte <c>d</c> (with
    /// <c>0xBB</c> in the three bytes after it) and <c>v</c> as the payload; A fills its return area with <c>0xAA</c>
    /// first and returns its eight bytes after the call, so which bytes the adapter wrote shows.
    /// </summary>
    private const string ResultType = """(param "d" u32) (param "v" u32) (result (result u32 (error u8)))""";

    /// <summary>B and A nested in one component, A instantiated with B's functions; the root exports A's functions and B's <c>ping</c> as <c>b-ping</c>.</summary>
    public static string Composed
    {
        get
        {
            var calleeCore = string.Join('\n', Functions.Select(f => $"(func (export \"{f.Name}\") (param {f.Params}) (result {f.Result}) {f.Body})"));
            var calleeLifts = string.Join('\n', Functions.Select(f => $"(func (export \"{f.Name}\") {f.Type} (canon lift (core func $i \"{f.Name}\") (memory (core memory $i \"memory\"))))"));
            var imports = string.Join('\n', Functions.Select(f => $"(import \"{f.Name}\" (func ${f.Name} {f.Type}))\n(core func ${f.Name} (canon lower (func ${f.Name}) (memory (core memory $amem \"memory\"))))"));
            var coreImports = string.Join('\n', Functions.Select(f => $"(import \"l\" \"{f.Name}\" (func ${f.Name} (param {f.Params}) (result {f.Result})))"));
            var coreExports = string.Join('\n', Functions.Select(f =>
            {
                var count = f.Params.Split(' ').Length;
                var args = string.Join(' ', f.Params.Split(' ').Select((p, i) => p == "f32" ? $"(f32.reinterpret_i32 (local.get {i}))" : $"(local.get {i})"));
                return $"(func (export \"{f.Name}\") (param {string.Join(' ', Enumerable.Repeat("i32", count))}) (result {f.Result}) (call ${f.Name} {args}))";
            }));
            var with = string.Join(' ', Linked.Select(n => $"(with \"{n}\" (func $b \"{n}\"))"));
            var instanceExports = string.Join(' ', Linked.Select(n => $"(export \"{n}\" (func ${n}))"));
            var callerLifts = string.Join('\n', Functions.Select(f =>
            {
                var parameters = string.Join(' ', f.Params.Split(' ').Select((_, i) => $"(param \"p{i}\" u32)"));
                return $"(func (export \"{f.Name}\") {parameters} (result {(f.Result == "i64" ? "u64" : "u32")}) (canon lift (core func $i \"{f.Name}\")))";
            }));
            var typeImports = string.Join('\n', Types.Select(t => $"(type ${t.Name}-def {t.Definition}) (import \"{t.Name}\" (type ${t.Name} (eq ${t.Name}-def)))"));
            var rootTypes = string.Join('\n', Types.Select(t => $"(type ${t.Name} {t.Definition})"));
            var typeWith = string.Join(' ', Types.Select(t => $"(with \"{t.Name}\" (type ${t.Name}))"));
            var rootExports = string.Join('\n', Linked.Select(n => $"(export \"{n}\" (func $a \"{n}\"))"));
            return $$"""
                (component
                  {{rootTypes}}
                  (component $callee
                    {{typeImports}}
                    (core module $m
                      (memory (export "memory") 1)
                      {{calleeCore}}
                      (func (export "ropt") (param i32 i32) (result i32)
                        (i32.store (i32.const 256) (i32.or (local.get 0) (i32.const 0xBBBBBB00)))
                        (i32.store (i32.const 260) (local.get 1))
                        (i32.const 256))
                      (func (export "ping") (result i32) (i32.const 7)))
                    (core instance $i (instantiate $m))
                    {{calleeLifts}}
                    (func (export "ropt") {{ResultType}} (canon lift (core func $i "ropt") (memory (core memory $i "memory"))))
                    (func (export "ping") (result u32) (canon lift (core func $i "ping"))))
                  (component $caller
                    {{typeImports}}
                    (core module $amem (memory (export "memory") 1))
                    (core instance $amem (instantiate $amem))
                    {{imports}}
                    (import "ropt" (func $ropt {{ResultType}}))
                    (core func $ropt (canon lower (func $ropt) (memory (core memory $amem "memory"))))
                    (core module $m
                      (import "m" "memory" (memory 1))
                      {{coreImports}}
                      (import "l" "ropt" (func $ropt (param i32 i32 i32)))
                      (func (export "ropt") (param i32 i32) (result i64)
                        (i64.store (i32.const 1024) (i64.const 0xAAAAAAAAAAAAAAAA))
                        (call $ropt (local.get 0) (local.get 1) (i32.const 1024))
                        (i64.load (i32.const 1024)))
                      {{coreExports}}
                      (func (export "ping") (result i32) (i32.const 5)))
                    (core instance $i (instantiate $m (with "m" (instance $amem)) (with "l" (instance {{instanceExports}}))))
                    {{callerLifts}}
                    (func (export "ropt") (param "d" u32) (param "v" u32) (result u64) (canon lift (core func $i "ropt")))
                    (func (export "ping") (result u32) (canon lift (core func $i "ping"))))
                  (instance $b (instantiate $callee {{typeWith}}))
                  (instance $a (instantiate $caller {{typeWith}} {{with}}))
                  {{rootExports}}
                  (export "ping" (func $a "ping"))
                  (export "b-ping" (func $b "ping")))
                """;
        }
    }
}
