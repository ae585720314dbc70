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
    public static readonly string[] Linked = Functions.Select(f => f.Name).ToArray();

    /// <summary>B and A nested in one component, A instantiated with B's functions; the root exports A's functions and B's <c>ping</c> as <c>b-ping</c>.</summary>
    public static string Composed
    {
        get
        {
            var calleeCore = string.Join('\n', Functions.Select(f => $"(func (export \"{f.Name}\") (param {f.Params}) (result {f.Result}) {f.Body})"));
            var calleeLifts = string.Join('\n', Functions.Select(f => $"(func (export \"{f.Name}\") {f.Type} (canon lift (core func $i \"{f.Name}\")))"));
            var imports = string.Join('\n', Functions.Select(f => $"(import \"{f.Name}\" (func ${f.Name} {f.Type}))\n(core func ${f.Name} (canon lower (func ${f.Name})))"));
            var coreImports = string.Join('\n', Functions.Select(f => $"(import \"l\" \"{f.Name}\" (func ${f.Name} (param {f.Params}) (result {f.Result})))"));
            var coreExports = string.Join('\n', Functions.Select(f =>
            {
                var count = f.Params.Split(' ').Length;
                var args = string.Join(' ', f.Params.Split(' ').Select((p, i) => p == "f32" ? $"(f32.reinterpret_i32 (local.get {i}))" : $"(local.get {i})"));
                return $"(func (export \"{f.Name}\") (param {string.Join(' ', Enumerable.Repeat("i32", count))}) (result {f.Result}) (call ${f.Name} {args}))";
            }));
            var with = string.Join(' ', Functions.Select(f => $"(with \"{f.Name}\" (func $b \"{f.Name}\"))"));
            var instanceExports = string.Join(' ', Functions.Select(f => $"(export \"{f.Name}\" (func ${f.Name}))"));
            var callerLifts = string.Join('\n', Functions.Select(f =>
            {
                var parameters = string.Join(' ', f.Params.Split(' ').Select((_, i) => $"(param \"p{i}\" u32)"));
                return $"(func (export \"{f.Name}\") {parameters} (result {(f.Result == "i64" ? "u64" : "u32")}) (canon lift (core func $i \"{f.Name}\")))";
            }));
            var typeImports = string.Join('\n', Types.Select(t => $"(type ${t.Name}-def {t.Definition}) (import \"{t.Name}\" (type ${t.Name} (eq ${t.Name}-def)))"));
            var rootTypes = string.Join('\n', Types.Select(t => $"(type ${t.Name} {t.Definition})"));
            var typeWith = string.Join(' ', Types.Select(t => $"(with \"{t.Name}\" (type ${t.Name}))"));
            var rootExports = string.Join('\n', Functions.Select(f => $"(export \"{f.Name}\" (func $a \"{f.Name}\"))"));
            return $$"""
                (component
                  {{rootTypes}}
                  (component $callee
                    {{typeImports}}
                    (core module $m
                      {{calleeCore}}
                      (func (export "ping") (result i32) (i32.const 7)))
                    (core instance $i (instantiate $m))
                    {{calleeLifts}}
                    (func (export "ping") (result u32) (canon lift (core func $i "ping"))))
                  (component $caller
                    {{typeImports}}
                    {{imports}}
                    (core module $m
                      {{coreImports}}
                      {{coreExports}}
                      (func (export "ping") (result i32) (i32.const 5)))
                    (core instance $i (instantiate $m (with "l" (instance {{instanceExports}}))))
                    {{callerLifts}}
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
