namespace WitBindgen.Benchmarks;

/// <summary>
/// The pair of issue 15's speed section: a callee exporting <c>add(u32, u32)</c>, a string <c>echo</c>,
/// <c>sum(list&lt;u32&gt;)</c> and <c>mirror(point) -> point</c> (a record of three <c>u32</c>s), and a caller whose
/// loops call each of them <c>n</c> times on data of its own (a 100-byte string, 1,000 <c>u32</c>s, a point), so
/// the outer call is scalar in every engine. <see cref="Composed"/> is the two in one binary (nested components, the
/// caller instantiated with the callee's exports), the form <c>wac</c> or <c>witbindgen compose</c> writes.
/// </summary>
internal static class ComposedPairWat
{
    /// <summary>A bump allocator whose memory the component's core module shares; <c>reset</c> is a post-return.</summary>
    private const string Allocator = WitBindgen.Runtime.Tests.Linking.LinkedPairWat.Allocator;

    /// <summary>The record type, an eq-bounded type import so that function types may name it.</summary>
    private const string PointType = """
          (type $point-def (record (field "x" u32) (field "y" u32) (field "z" u32)))
          (import "point" (type $point (eq $point-def)))
        """;

    /// <summary>Exports add, echo (returns its argument), sum and mirror ((x, y, z) -> (z, y, x)).</summary>
    public static readonly string Callee = $$"""
        (component
          {{PointType}}
          {{Allocator}}
          (core module $m
            (import "a" "memory" (memory 1))
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0)) (i32.store (i32.const 20) (local.get 1)) (i32.const 16))
            (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $acc i32) (local $end i32)
              (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $p))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $next)))
              (local.get $acc))
            (func (export "mirror") (param i32 i32 i32) (result i32)
              (i32.store (i32.const 32) (local.get 2)) (i32.store (i32.const 36) (local.get 1)) (i32.store (i32.const 40) (local.get 0))
              (i32.const 32)))
          (core instance $i (instantiate $m (with "a" (instance $alloc))))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $alloc "memory")) (realloc (core func $alloc "realloc")) (post-return (core func $alloc "reset"))))
          (func (export "sum") (param "xs" (list u32)) (result u32)
            (canon lift (core func $i "sum") (memory (core memory $alloc "memory")) (realloc (core func $alloc "realloc")) (post-return (core func $alloc "reset"))))
          (func (export "mirror") (param "p" $point) (result $point)
            (canon lift (core func $i "mirror") (memory (core memory $alloc "memory")))))
        """;

    /// <summary>
    /// Imports the callee's four functions; exports <c>add-loop(n)</c> (the sum of 0..n-1 through add),
    /// <c>echo-loop(n)</c> (the total length of n echoes of a 100-byte string), <c>sum-loop(n)</c> (n sums of the
    /// list 0..999, added up) and <c>mirror-loop(n)</c> (n mirrors of (i, 1, 2), the x results added up).
    /// </summary>
    public static readonly string Caller = $$"""
        (component
          {{PointType}}
          (import "add" (func $add (param "a" u32) (param "b" u32) (result u32)))
          (import "echo" (func $echo (param "s" string) (result string)))
          (import "sum" (func $sum (param "xs" (list u32)) (result u32)))
          (import "mirror" (func $mirror (param "p" $point) (result $point)))
          {{Allocator}}
          (core func $add (canon lower (func $add)))
          (core func $echo (canon lower (func $echo) (memory (core memory $alloc "memory")) (realloc (core func $alloc "realloc"))))
          (core func $sum (canon lower (func $sum) (memory (core memory $alloc "memory"))))
          (core func $mirror (canon lower (func $mirror) (memory (core memory $alloc "memory"))))
          (core module $m
            (import "a" "memory" (memory 1))
            (import "a" "mark" (func $mark (result i32)))
            (import "a" "release" (func $release (param i32)))
            (import "l" "add" (func $add (param i32 i32) (result i32)))
            (import "l" "echo" (func $echo (param i32 i32 i32)))
            (import "l" "sum" (func $sum (param i32 i32) (result i32)))
            (import "l" "mirror" (func $mirror (param i32 i32 i32 i32)))
            ;; 100 bytes of text at 40000; the list 0..999 at 45056 (written by the start function).
            (data (i32.const 40000) "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
            (func $fill (local $i i32)
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (i32.const 1000)))
                (i32.store (i32.add (i32.const 45056) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next))))
            (start $fill)
            (func (export "add-loop") (param $n i32) (result i32) (local $acc i32) (local $i i32)
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $acc (call $add (local.get $acc) (local.get $i)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
              (local.get $acc))
            (func (export "echo-loop") (param $n i32) (result i32) (local $i i32) (local $total i32) (local $mark i32)
              (local.set $mark (call $mark))
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (call $echo (i32.const 40000) (i32.const 100) (i32.const 1024))
                (local.set $total (i32.add (local.get $total) (i32.load (i32.const 1028))))
                (call $release (local.get $mark))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
              (local.get $total))
            (func (export "sum-loop") (param $n i32) (result i32) (local $i i32) (local $total i32)
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $total (i32.add (local.get $total) (call $sum (i32.const 45056) (i32.const 1000))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
              (local.get $total))
            (func (export "mirror-loop") (param $n i32) (result i32) (local $i i32) (local $total i32)
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (call $mirror (local.get $i) (i32.const 1) (i32.const 2) (i32.const 1024))
                (local.set $total (i32.add (local.get $total) (i32.load (i32.const 1024))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
              (local.get $total)))
          (core instance $i (instantiate $m (with "a" (instance $alloc))
            (with "l" (instance (export "add" (func $add)) (export "echo" (func $echo)) (export "sum" (func $sum)) (export "mirror" (func $mirror))))))
          (func (export "add-loop") (param "n" u32) (result u32) (canon lift (core func $i "add-loop")))
          (func (export "echo-loop") (param "n" u32) (result u32) (canon lift (core func $i "echo-loop")))
          (func (export "sum-loop") (param "n" u32) (result u32) (canon lift (core func $i "sum-loop")))
          (func (export "mirror-loop") (param "n" u32) (result u32) (canon lift (core func $i "mirror-loop"))))
        """;

    /// <summary>The loops the caller exports (and the composition re-exports).</summary>
    public static readonly string[] Loops = ["add-loop", "echo-loop", "sum-loop", "mirror-loop"];

    /// <summary>Callee and caller nested in one component: the caller instantiated with the callee's exports.</summary>
    public static readonly string Composed = $$"""
        (component
          {{PointType}}
          {{Nested("$callee", Callee)}}
          {{Nested("$caller", Caller)}}
          (instance $b (instantiate $callee (with "point" (type $point))))
          (instance $a (instantiate $caller (with "point" (type $point))
            (with "add" (func $b "add")) (with "echo" (func $b "echo")) (with "sum" (func $b "sum")) (with "mirror" (func $b "mirror"))))
          (export "add-loop" (func $a "add-loop"))
          (export "echo-loop" (func $a "echo-loop"))
          (export "sum-loop" (func $a "sum-loop"))
          (export "mirror-loop" (func $a "mirror-loop")))
        """;

    private static string Nested(string name, string component) =>
        "(component " + name + component.TrimStart()["(component".Length..];
}
