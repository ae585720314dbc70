using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>Guests that break the ABI while calling WASI get a <see cref="ComponentTrapException"/>; the host carries on.</summary>
public class HostileGuestTests
{
    private const string Writer = """
        (component
          (import "wasi:io/error@0.2.0" (instance $error (export "error" (type (sub resource)))))
          (alias export $error "error" (type $error-type))
          (import "wasi:io/streams@0.2.0" (instance $streams
            (alias outer 1 $error-type (type $outer-error))
            (export "error" (type $e (eq $outer-error)))
            (export "output-stream" (type $out (sub resource)))
            (type $stream-error (variant (case "last-operation-failed" (own $e)) (case "closed")))
            (export "stream-error" (type $se (eq $stream-error)))
            (export "[method]output-stream.blocking-write-and-flush" (func (param "self" (borrow $out)) (param "contents" (list u8)) (result (result (error $se)))))))
          (alias export $streams "output-stream" (type $out-type))
          (import "wasi:cli/stdout@0.2.0" (instance $stdout
            (alias outer 1 $out-type (type $out))
            (export "get-stdout" (func (result (own $out))))))
          (core module $libc (memory (export "memory") 1))
          (core instance $libc (instantiate $libc))
          (core func $get-stdout (canon lower (func $stdout "get-stdout")))
          (core func $write (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory (core memory $libc "memory"))))
          (core module $m
            (import "h" "get-stdout" (func $get-stdout (result i32)))
            (import "h" "write" (func $write (param i32 i32 i32 i32)))
            ;; write(handle, ptr, len): the guest chooses every value
            (func (export "write") (param $h i32) (param $p i32) (param $n i32)
              (call $write (local.get $h) (local.get $p) (local.get $n) (i32.const 16)))
            (func (export "stdout") (result i32) (call $get-stdout)))
          (core instance $i (instantiate $m (with "h" (instance (export "get-stdout" (func $get-stdout)) (export "write" (func $write))))))
          (func $w (param "h" u32) (param "p" u32) (param "n" u32) (canon lift (core func $i "write")))
          (func $s (result u32) (canon lift (core func $i "stdout")))
          (export "write" (func $w))
          (export "stdout" (func $s)))
        """;

    [Fact]
    public void A_forged_handle_or_a_bad_buffer_traps_and_leaves_the_host_usable()
    {
        var component = Probe.Runtime.LoadText(Writer);
        var stdout = new MemoryStream();
        var wasi = new WasiConfiguration().WithStdout(stdout).CreateHost();

        using (var forged = component.Instantiate(wasi.ToHostImports()))
        {
            Assert.Throws<ComponentTrapException>(() => forged.GetFunction("write")!.Invoke(WitValue(12345), WitValue(0), WitValue(1)));
        }

        using (var outOfBounds = component.Instantiate(wasi.ToHostImports()))
        {
            var handle = outOfBounds.GetFunction("stdout")!.Invoke()[0].AsU32();
            Assert.Throws<ComponentTrapException>(() => outOfBounds.GetFunction("write")!.Invoke(WitValue(handle), WitValue(65530), WitValue(100)));
        }

        using var good = component.Instantiate(wasi.ToHostImports());
        var h = good.GetFunction("stdout")!.Invoke()[0].AsU32();
        good.GetFunction("write")!.Invoke(WitValue(h), WitValue(0), WitValue(3));
        Assert.Equal(new byte[3], stdout.ToArray());
    }

    private static WitBindgen.Runtime.Abi.WitValue WitValue(uint value) => WitBindgen.Runtime.Abi.WitValue.U32(value);
}
