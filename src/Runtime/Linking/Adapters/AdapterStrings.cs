using System.Globalization;
using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Linking.Adapters;

/// <summary>
/// The string checks of a wasm adapter (<see cref="AdapterText"/>): the encodings it copies without transcoding
/// (UTF-8 to UTF-8, UTF-16 to UTF-16) and the validators of what it copies, one function per memory: CanonicalABI.md's
/// <c>load_string_from_range</c> decodes the bytes and traps on what does not decode, so the adapter checks them
/// before it copies them (UTF-8: RFC 3629, no overlong forms, no surrogates, nothing above U+10FFFF; UTF-16: no unpaired
/// surrogate). The validators read bytes already checked to be inside the memory.
/// </summary>
internal static class AdapterStrings
{
    /// <summary>Whether strings pass between two sides of these encodings as their bytes (the adapter covers them).</summary>
    public static bool Copies(StringEncoding from, StringEncoding to) =>
        from == to && from is StringEncoding.Utf8 or StringEncoding.Utf16;

    /// <summary>The bytes per code unit of an encoding the adapter copies (also the string's alignment).</summary>
    public static int Unit(StringEncoding encoding) => encoding == StringEncoding.Utf16 ? 2 : 1;

    /// <summary>The name of the validator of <paramref name="memory"/> (1 the caller's, 2 the callee's).</summary>
    public static string Validator(int memory) => "$valid" + memory.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Appends <c>(func $validN (param ptr units) (result i32))</c> for memory <paramref name="memory"/>: 1 when the
    /// code units are well-formed in <paramref name="encoding"/>, 0 otherwise.
    /// </summary>
    public static void AppendValidator(StringBuilder t, StringEncoding encoding, int memory)
    {
        var m = memory.ToString(CultureInfo.InvariantCulture);
        t.Append("  (func ").Append(Validator(memory)).Append(" (param $p i32) (param $n i32) (result i32) (local $end i32) (local $c i32) (local $need i32) (local $lo i32) (local $hi i32)\n");
        if (encoding == StringEncoding.Utf16)
        {
            t.Append($$"""
                    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 1))))
                    (block $bad (loop $next
                      (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const 1))))
                      (local.set $c (i32.load16_u {{m}} (local.get $p)))
                      (local.set $p (i32.add (local.get $p) (i32.const 2)))
                      (br_if $next (i32.ne (i32.and (local.get $c) (i32.const 0xf800)) (i32.const 0xd800)))
                      (br_if $bad (i32.ge_u (local.get $c) (i32.const 0xdc00)))
                      (br_if $bad (i32.ge_u (local.get $p) (local.get $end)))
                      (br_if $bad (i32.ne (i32.and (i32.load16_u {{m}} (local.get $p)) (i32.const 0xfc00)) (i32.const 0xdc00)))
                      (local.set $p (i32.add (local.get $p) (i32.const 2)))
                      (br $next)))
                    (i32.const 0))

                """);
            return;
        }

        // Eight ASCII bytes at a time while they last; a lead byte fixes how many continuation bytes follow and the
        // range of the first of them (which excludes overlong forms, surrogates and code points above U+10FFFF).
        t.Append($$"""
                (local.set $end (i32.add (local.get $p) (local.get $n)))
                (block $bad (loop $next
                  (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const 1))))
                  (if (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8))
                    (then (if (i64.eqz (i64.and (i64.load {{m}} align=1 (local.get $p)) (i64.const 0x8080808080808080)))
                      (then (local.set $p (i32.add (local.get $p) (i32.const 8))) (br $next)))))
                  (local.set $c (i32.load8_u {{m}} (local.get $p)))
                  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (local.set $p (i32.add (local.get $p) (i32.const 1))) (br $next)))
                  (br_if $bad (i32.lt_u (local.get $c) (i32.const 0xc2)))
                  (br_if $bad (i32.gt_u (local.get $c) (i32.const 0xf4)))
                  (local.set $lo (i32.const 0x80))
                  (local.set $hi (i32.const 0xbf))
                  (if (i32.lt_u (local.get $c) (i32.const 0xe0))
                    (then (local.set $need (i32.const 1)))
                    (else (if (i32.lt_u (local.get $c) (i32.const 0xf0))
                      (then (local.set $need (i32.const 2))
                        (if (i32.eq (local.get $c) (i32.const 0xe0)) (then (local.set $lo (i32.const 0xa0))))
                        (if (i32.eq (local.get $c) (i32.const 0xed)) (then (local.set $hi (i32.const 0x9f)))))
                      (else (local.set $need (i32.const 3))
                        (if (i32.eq (local.get $c) (i32.const 0xf0)) (then (local.set $lo (i32.const 0x90))))
                        (if (i32.eq (local.get $c) (i32.const 0xf4)) (then (local.set $hi (i32.const 0x8f))))))))
                  (br_if $bad (i32.le_u (i32.sub (local.get $end) (local.get $p)) (local.get $need)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $c (i32.load8_u {{m}} (local.get $p)))
                  (br_if $bad (i32.or (i32.lt_u (local.get $c) (local.get $lo)) (i32.gt_u (local.get $c) (local.get $hi))))
                  (loop $more
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (local.set $need (i32.sub (local.get $need) (i32.const 1)))
                    (if (local.get $need) (then
                      (br_if $bad (i32.ne (i32.and (i32.load8_u {{m}} (local.get $p)) (i32.const 0xc0)) (i32.const 0x80)))
                      (br $more))))
                  (br $next)))
                (i32.const 0))

            """);
    }
}
