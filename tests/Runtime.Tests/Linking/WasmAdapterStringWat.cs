namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// A composed binary for wasm adapters of strings, in one encoding on both sides (<c>utf8</c> or <c>utf16</c>): a
/// callee (B) that weighs the strings it receives (also one in a tuple: <c>named</c>) and echoes one back, and a caller (A) that passes any pointer and
/// length from its memory (which the host fills with <c>poke</c>) and weighs the echo it gets back in its own memory.
/// The weight of a string of n code units is n, then times 31 plus each byte in turn (wrapping at 32 bits).
/// B's <c>realloc</c> misbehaves on request (<c>b-set-mode</c>: 1 a misaligned block, 2 one out of bounds, 3 a trap),
/// so does its <c>echo</c> (<c>b-echo-mode</c>: 1 a misaligned result, 2 a string out of bounds, 3 one not valid in its
/// encoding, 4 one too long, 5 one misaligned) and A's <c>realloc</c> (<c>set-mode</c>: 1 a misaligned block, 2 one out of
/// bounds, 3 a trap).
/// </summary>
internal static class WasmAdapterStringWat
{
    /// <summary>The weight of a string (see the class summary).</summary>
    public static uint Weight(byte[] bytes, int unit)
    {
        var acc = (uint)(bytes.Length / unit);
        foreach (var b in bytes)
        {
            acc = unchecked((acc * 31) + b);
        }

        return acc;
    }

    /// <summary>A bump allocator with modes, in a module exporting <c>memory</c>, <c>realloc</c>, <c>reset</c> and <c>set-mode</c>.</summary>
    private static string Allocator(int start) => $$"""
          (core module $mem
            (memory (export "memory") 1)
            (data (i32.const 600) "\ff\dc\ff\dc")
            (global $next (mut i32) (i32.const {{start}}))
            (global $mode (mut i32) (i32.const 0))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (if (i32.eq (global.get $mode) (i32.const 1)) (then (return (i32.add (global.get $next) (i32.const 1)))))
              (if (i32.eq (global.get $mode) (i32.const 2)) (then (return (i32.const 0xFFFFFF00))))
              (if (i32.eq (global.get $mode) (i32.const 3)) (then unreachable))
              (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get 2) (i32.const 1))) (i32.sub (i32.const 0) (local.get 2))))
              (global.set $next (i32.add (local.get $p) (local.get 3)))
              (local.get $p))
            (func (export "reset") (param i32) (global.set $next (i32.const {{start}})))
            (func (export "set-mode") (param i32) (global.set $mode (local.get 0))))
          (core instance $mem (instantiate $mem))
        """;

    /// <summary>The core function <c>weigh(p, n)</c> of a module importing memory <c>$memory</c>.</summary>
    private static string Weigh(int unit) => $$"""
            (func $weigh (export "weigh") (param $p i32) (param $n i32) (result i32) (local $acc i32) (local $end i32)
              (local.set $acc (local.get $n))
              (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (i32.const {{unit}}))))
              (block $d (loop $l (br_if $d (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.load8_u (local.get $p))))
                (local.set $p (i32.add (local.get $p) (i32.const 1))) (br $l)))
              (local.get $acc))
        """;

    /// <summary>The composed binary for strings in <paramref name="encoding"/> (<c>utf8</c> or <c>utf16</c>).</summary>
    public static string Composed(string encoding)
    {
        var unit = encoding == "utf16" ? 2 : 1;
        var options = $"(memory (core memory $mem \"memory\")) (realloc (core func $mem \"realloc\")) string-encoding={encoding}";
        return $$"""
            (component
              (component $callee
                {{Allocator(1024)}}
                (core module $m
                  (import "mem" "memory" (memory 1))
                  (global $mode (mut i32) (i32.const 0))
                  {{Weigh(unit)}}
                  (func (export "pair") (param i32 i32 i32 i32) (result i32)
                    (i32.add (i32.mul (call $weigh (local.get 0) (local.get 1)) (i32.const 7)) (call $weigh (local.get 2) (local.get 3))))
                  (func (export "named") (param i32 i32 i32 i32) (result i32)
                    (i32.add (i32.mul (call $weigh (local.get 1) (local.get 2)) (i32.const 7)) (i32.add (local.get 0) (i32.mul (local.get 3) (i32.const 1000)))))
                  (func (export "echo") (param $p i32) (param $n i32) (result i32)
                    (if (i32.eq (global.get $mode) (i32.const 1)) (then (return (i32.const 514))))
                    (if (i32.eq (global.get $mode) (i32.const 2)) (then (local.set $p (i32.const 0xFFFFFF00))))
                    (if (i32.eq (global.get $mode) (i32.const 3)) (then (local.set $p (i32.const 600)) (local.set $n (i32.const 1))))
                    (if (i32.eq (global.get $mode) (i32.const 4)) (then (local.set $p (i32.const 0)) (local.set $n (i32.const 0x80000000))))
                    (if (i32.eq (global.get $mode) (i32.const 5)) (then (local.set $p (i32.const 601)) (local.set $n (i32.const 1))))
                    (i32.store (i32.const 512) (local.get $p))
                    (i32.store (i32.const 516) (local.get $n))
                    (i32.const 512))
                  (func (export "set-echo-mode") (param i32) (global.set $mode (local.get 0)))
                  (func (export "ping") (result i32) (i32.const 7)))
                (core instance $i (instantiate $m (with "mem" (instance $mem))))
                (func (export "weigh") (param "s" string) (result u32) (canon lift (core func $i "weigh") {{options}}))
                (func (export "pair") (param "a" string) (param "b" string) (result u32) (canon lift (core func $i "pair") {{options}}))
                (func (export "named") (param "t" (tuple u32 string u8)) (result u32) (canon lift (core func $i "named") {{options}}))
                (func (export "echo") (param "s" string) (result string)
                  (canon lift (core func $i "echo") {{options}} (post-return (core func $mem "reset"))))
                (func (export "set-mode") (param "m" u32) (canon lift (core func $mem "set-mode")))
                (func (export "set-echo-mode") (param "m" u32) (canon lift (core func $i "set-echo-mode")))
                (func (export "ping") (result u32) (canon lift (core func $i "ping"))))
              (component $caller
                (import "weigh" (func $weigh (param "s" string) (result u32)))
                (import "pair" (func $pair (param "a" string) (param "b" string) (result u32)))
                (import "echo" (func $echo (param "s" string) (result string)))
                (import "named" (func $named (param "t" (tuple u32 string u8)) (result u32)))
                {{Allocator(8192)}}
                (core func $weigh (canon lower (func $weigh) {{options}}))
                (core func $pair (canon lower (func $pair) {{options}}))
                (core func $echo (canon lower (func $echo) {{options}}))
                (core func $named (canon lower (func $named) {{options}}))
                (core module $m
                  (import "mem" "memory" (memory 1))
                  (import "l" "weigh" (func $lweigh (param i32 i32) (result i32)))
                  (import "l" "pair" (func $pair (param i32 i32 i32 i32) (result i32)))
                  (import "l" "echo" (func $echo (param i32 i32 i32)))
                  (import "l" "named" (func $named (param i32 i32 i32 i32) (result i32)))
                  {{Weigh(unit)}}
                  (func (export "poke") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
                  (func (export "weigh-at") (param i32 i32) (result i32) (call $lweigh (local.get 0) (local.get 1)))
                  (func (export "pair-at") (param i32 i32 i32 i32) (result i32) (call $pair (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
                  (func (export "named-at") (param i32 i32 i32 i32) (result i32) (call $named (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
                  (func (export "echo-at") (param i32 i32) (result i32)
                    (call $echo (local.get 0) (local.get 1) (i32.const 4096))
                    (call $weigh (i32.load (i32.const 4096)) (i32.load (i32.const 4100))))
                  (func (export "echo-loop") (param $p i32) (param $n i32) (param $k i32) (result i32) (local $acc i32)
                    (block $d (loop $l (br_if $d (i32.eqz (local.get $k)))
                      (call $echo (local.get $p) (local.get $n) (i32.const 4096))
                      (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 4100))))
                      (local.set $k (i32.sub (local.get $k) (i32.const 1))) (br $l)))
                    (local.get $acc))
                  (func (export "ping") (result i32) (i32.const 5)))
                (core instance $i (instantiate $m (with "mem" (instance $mem))
                  (with "l" (instance (export "weigh" (func $weigh)) (export "pair" (func $pair)) (export "echo" (func $echo)) (export "named" (func $named))))))
                (func (export "poke") (param "at" u32) (param "b" u32) (canon lift (core func $i "poke")))
                (func (export "weigh-at") (param "p" u32) (param "n" u32) (result u32) (canon lift (core func $i "weigh-at")))
                (func (export "pair-at") (param "p" u32) (param "n" u32) (param "q" u32) (param "m" u32) (result u32) (canon lift (core func $i "pair-at")))
                (func (export "echo-at") (param "p" u32) (param "n" u32) (result u32) (canon lift (core func $i "echo-at")))
                (func (export "named-at") (param "a" u32) (param "p" u32) (param "n" u32) (param "b" u32) (result u32) (canon lift (core func $i "named-at")))
                (func (export "echo-loop") (param "p" u32) (param "n" u32) (param "k" u32) (result u32) (canon lift (core func $i "echo-loop")))
                (func (export "set-mode") (param "m" u32) (canon lift (core func $mem "set-mode")))
                (func (export "ping") (result u32) (canon lift (core func $i "ping"))))
              (instance $b (instantiate $callee))
              (instance $a (instantiate $caller (with "weigh" (func $b "weigh")) (with "pair" (func $b "pair")) (with "echo" (func $b "echo")) (with "named" (func $b "named"))))
              (export "poke" (func $a "poke"))
              (export "weigh-at" (func $a "weigh-at"))
              (export "pair-at" (func $a "pair-at"))
              (export "echo-at" (func $a "echo-at"))
              (export "named-at" (func $a "named-at"))
              (export "echo-loop" (func $a "echo-loop"))
              (export "set-mode" (func $a "set-mode"))
              (export "ping" (func $a "ping"))
              (export "b-ping" (func $b "ping"))
              (export "b-set-mode" (func $b "set-mode"))
              (export "b-echo-mode" (func $b "set-echo-mode")))
            """;
    }
}
