namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// A callee that implements <c>add</c> and a string <c>echo</c> itself, and a caller that calls them in loops: the pair
/// for measuring linked calls (each side's allocator is reset by <c>post-return</c>, so loops run in bounded memory).
/// </summary>
internal static class LinkedPairWat
{
    /// <summary>A bump allocator whose memory the component's core module shares; <c>reset</c> is a post-return (also used by the benchmarks' composed pair).</summary>
    internal const string Allocator = """
          (core module $alloc
            (memory (export "memory") 1)
            (global $bump (mut i32) (i32.const 4096))
            (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
              (local $p i32)
              (local.set $p
                (i32.and
                  (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                  (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
              (global.set $bump (i32.add (local.get $p) (local.get $size)))
              (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
              (local.get $p))
            (func (export "mark") (result i32) (global.get $bump))
            (func (export "release") (param i32) (global.set $bump (local.get 0)))
            (func (export "reset") (param i32) (global.set $bump (i32.const 4096))))
          (core instance $alloc (instantiate $alloc))
        """;

    /// <summary>Exports <c>add(u32, u32) -> u32</c> and <c>echo(string) -> string</c>.</summary>
    public static readonly string Callee = $$"""
        (component
          {{Allocator}}
          (core module $m
            (import "a" "memory" (memory 1))
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0)) (i32.store (i32.const 20) (local.get 1)) (i32.const 16)))
          (core instance $i (instantiate $m (with "a" (instance $alloc))))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $alloc "memory")) (realloc (core func $alloc "realloc")) (post-return (core func $alloc "reset")))))
        """;

    /// <summary>
    /// Imports <c>add</c> and <c>echo</c>; exports <c>add-loop(n)</c> (the sum of 0..n-1 through <c>add</c>) and
    /// <c>echo-loop(s, n)</c> (echoes <c>s</c> n times, returns the total length of the echoes).
    /// </summary>
    public static readonly string Caller = $$"""
        (component
          (import "add" (func $add (param "a" u32) (param "b" u32) (result u32)))
          (import "echo" (func $echo (param "s" string) (result string)))
          {{Allocator}}
          (core func $add (canon lower (func $add)))
          (core func $echo (canon lower (func $echo) (memory (core memory $alloc "memory")) (realloc (core func $alloc "realloc"))))
          (core module $m
            (import "a" "memory" (memory 1))
            (import "a" "mark" (func $mark (result i32)))
            (import "a" "release" (func $release (param i32)))
            (import "l" "add" (func $add (param i32 i32) (result i32)))
            (import "l" "echo" (func $echo (param i32 i32 i32)))
            (func (export "add-loop") (param $n i32) (result i32) (local $acc i32) (local $i i32)
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $acc (call $add (local.get $acc) (local.get $i)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
              (local.get $acc))
            (func (export "echo-loop") (param $p i32) (param $len i32) (param $n i32) (result i32) (local $i i32) (local $total i32) (local $mark i32)
              (local.set $mark (call $mark))
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (call $echo (local.get $p) (local.get $len) (i32.const 1024))
                (local.set $total (i32.add (local.get $total) (i32.load (i32.const 1028))))
                (call $release (local.get $mark))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
              (local.get $total)))
          (core instance $i (instantiate $m (with "a" (instance $alloc)) (with "l" (instance (export "add" (func $add)) (export "echo" (func $echo))))))
          (func (export "add-loop") (param "n" u32) (result u32) (canon lift (core func $i "add-loop")))
          (func (export "echo-loop") (param "s" string) (param "n" u32) (result u32)
            (canon lift (core func $i "echo-loop") (memory (core memory $alloc "memory")) (realloc (core func $alloc "realloc")) (post-return (core func $alloc "reset")))))
        """;
}
