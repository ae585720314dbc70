namespace WitBindgen.Runtime.Tests.Limits;

/// <summary>The WAT guests of the limit tests: each goes past one limit when asked to.</summary>
internal static class LimitGuests
{
    /// <summary>
    /// <c>grow-until-failure</c> grows its memory a page at a time until <c>memory.grow</c> fails, then aborts as Rust's
    /// allocator does (<c>unreachable</c>); <c>grow(pages) -> s32</c> returns what one <c>memory.grow</c> returned;
    /// <c>one</c> returns 1.
    /// </summary>
    public const string Memory = """
        (component
          (core module $m
            (memory (export "memory") 1)
            (func (export "grow-until-failure") (result i32)
              (loop $l
                (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
              unreachable)
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
            (func (export "one") (result i32) (i32.const 1)))
          (core instance $i (instantiate $m))
          (func (export "grow-until-failure") (result u32) (canon lift (core func $i "grow-until-failure")))
          (func (export "grow") (param "pages" u32) (result s32) (canon lift (core func $i "grow")))
          (func (export "one") (result u32) (canon lift (core func $i "one"))))
        """;

    /// <summary>A module whose memory starts at <paramref name="pages"/> pages.</summary>
    public static string InitialMemory(int pages) => $$"""
        (component
          (core module $m (memory (export "memory") {{pages}}))
          (core instance $i (instantiate $m)))
        """;

    /// <summary>As <see cref="Memory"/>, for a table grown an element at a time.</summary>
    public const string Table = """
        (component
          (core module $m
            (table (export "table") 1 funcref)
            (func (export "grow-until-failure") (result i32)
              (loop $l
                (br_if $l (i32.ne (table.grow (ref.null func) (i32.const 1)) (i32.const -1))))
              unreachable))
          (core instance $i (instantiate $m))
          (func (export "grow-until-failure") (result u32) (canon lift (core func $i "grow-until-failure"))))
        """;

    /// <summary>Three core instances of one module.</summary>
    public const string ThreeCoreInstances = """
        (component
          (core module $m (func (export "one") (result i32) (i32.const 1)))
          (core instance $a (instantiate $m))
          (core instance $b (instantiate $m))
          (core instance $c (instantiate $m))
          (func (export "one") (result u32) (canon lift (core func $c "one"))))
        """;

    /// <summary><c>make(n) -> u32</c> creates <c>n</c> handles of its own resource with <c>resource.new</c> and keeps them.</summary>
    public const string Handles = """
        (component
          (type $r (resource (rep i32)))
          (core func $new (canon resource.new $r))
          (core module $m
            (import "" "new" (func $new (param i32) (result i32)))
            (func (export "make") (param $n i32) (result i32)
              (local $i i32)
              (block $done
                (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (drop (call $new (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
              (local.get $i)))
          (core instance $i (instantiate $m (with "" (instance (export "new" (func $new))))))
          (func (export "make") (param "n" u32) (result u32) (canon lift (core func $i "make"))))
        """;

    /// <summary>
    /// <c>text(n) -> string</c> and <c>bytes(n) -> list&lt;u8&gt;</c> return <c>n</c> bytes of 'a' (n at most 60000).
    /// </summary>
    public const string Values = """
        (component
          (core module $m
            (memory (export "memory") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8))
            (func $fill (param $n i32) (result i32)
              (memory.fill (i32.const 1024) (i32.const 97) (local.get $n))
              (i32.store (i32.const 16) (i32.const 1024))
              (i32.store (i32.const 20) (local.get $n))
              (i32.const 16))
            (func (export "text") (param i32) (result i32) (call $fill (local.get 0)))
            (func (export "bytes") (param i32) (result i32) (call $fill (local.get 0))))
          (core instance $i (instantiate $m))
          (func (export "text") (param "n" u32) (result string)
            (canon lift (core func $i "text") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
          (func (export "bytes") (param "n" u32) (result (list u8))
            (canon lift (core func $i "bytes") (memory (core memory $i "memory")) (realloc (core func $i "realloc")))))
        """;

    /// <summary>
    /// <c>spin</c> loops for ever; <c>count(n) -> u32</c> loops <c>n</c> times and returns n; <c>recurse</c> calls
    /// itself without end.
    /// </summary>
    public const string Time = """
        (component
          (core module $m
            (func (export "spin") (loop $l (br $l)))
            (func (export "count") (param $n i32) (result i32)
              (local $i i32)
              (block $done
                (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
              (local.get $i))
            (func $recurse (export "recurse") (param i32) (result i32)
              (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))
          (core instance $i (instantiate $m))
          (func (export "spin") (canon lift (core func $i "spin")))
          (func (export "count") (param "n" u32) (result u32) (canon lift (core func $i "count")))
          (func (export "recurse") (param "depth" u32) (result u32) (canon lift (core func $i "recurse"))))
        """;

    /// <summary>A component the host can always call: <c>one() -> u32</c>.</summary>
    public const string One = """
        (component
          (core module $m (func (export "one") (result i32) (i32.const 1)))
          (core instance $i (instantiate $m))
          (func (export "one") (result u32) (canon lift (core func $i "one"))))
        """;
}
