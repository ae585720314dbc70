namespace WitBindgen.Runtime.Tests.Components;

/// <summary>Shared WAT fragments for component tests.</summary>
internal static class Wat
{
    /// <summary>
    /// A core module with a memory and a bump allocator exported as "memory" and "realloc"; the
    /// allocator never frees, honours the requested alignment, shrinks in place and copies on growth.
    /// </summary>
    public const string Libc = """
        (core module $libc
          (memory (export "memory") 1)
          (global $bump (mut i32) (i32.const 4096))
          (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
            (local $p i32)
            (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $size) (local.get $old-size)))
              (then (return (local.get $old))))
            (local.set $p
              (i32.and
                (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
            (global.set $bump (i32.add (local.get $p) (local.get $size)))
            (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
            (local.get $p)))
        (core instance $libc (instantiate $libc))
        """;
}
