using System.Text;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Wasi.Tests.P3;

/// <summary>
/// A component that imports WASI 0.2 and 0.3 interfaces side by side, and guests that misuse the 0.3 host's streams
/// and futures: each gets a clean trap or a clean end, and the host keeps working.
/// </summary>
public class MixedAndHostileP3Tests
{
    /// <summary>"args-02" and "args-03" return the arguments through each version's environment interface.</summary>
    private const string Mixed = """
        (component
          (import "wasi:cli/environment@0.2.0" (instance $env02
            (export "get-arguments" (func (result (list string))))))
          (import "wasi:cli/environment@0.3.0" (instance $env03
            (export "get-arguments" (func (result (list string))))))
          (core module $libc
            (memory (export "memory") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (global.get $bump))
              (global.set $bump (i32.add (local.get $p) (i32.and (i32.add (local.get 3) (i32.const 7)) (i32.const -8))))
              (local.get $p)))
          (core instance $libc (instantiate $libc))
          (core func $args02 (canon lower (func $env02 "get-arguments") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core func $args03 (canon lower (func $env03 "get-arguments") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core module $m
            (import "wasi" "args02" (func $args02 (param i32)))
            (import "wasi" "args03" (func $args03 (param i32)))
            (func (export "args-02") (result i32) (call $args02 (i32.const 16)) (i32.const 16))
            (func (export "args-03") (result i32) (call $args03 (i32.const 32)) (i32.const 32)))
          (core instance $i (instantiate $m (with "wasi" (instance (export "args02" (func $args02)) (export "args03" (func $args03))))))
          (func (export "args-02") (result (list string)) (canon lift (core func $i "args-02") (memory (core memory $libc "memory"))))
          (func (export "args-03") (result (list string)) (canon lift (core func $i "args-03") (memory (core memory $libc "memory")))))
        """;

    /// <summary>
    /// "bogus-stream" passes a number that is no stream end to write-via-stream; "drop-all" hands stdout a stream and
    /// drops the writable end and the future without writing; "stdin-drop" takes stdin's stream and future and drops
    /// both unread; "print" writes "ok" to stdout properly.
    /// </summary>
    private const string Hostile = """
        (component
          (import "wasi:cli/types@0.3.0" (instance $cli-types
            (type $error-code (enum "io" "illegal-byte-sequence" "pipe"))
            (export "error-code" (type $e (eq $error-code)))))
          (alias export $cli-types "error-code" (type $error-code))
          (import "wasi:cli/stdout@0.3.0" (instance $stdout
            (alias outer 1 $error-code (type $e))
            (export "error-code" (type $ec (eq $e)))
            (export "write-via-stream" (func (param "data" (stream u8)) (result (future (result (error $ec))))))))
          (import "wasi:cli/stdin@0.3.0" (instance $stdin
            (alias outer 1 $error-code (type $e))
            (export "error-code" (type $ec (eq $e)))
            (export "read-via-stream" (func (result (tuple (stream u8) (future (result (error $ec)))))))))
          (core module $libc (memory (export "memory") 1))
          (core instance $libc (instantiate $libc))
          (type $bytes (stream u8))
          (type $outcome (future (result (error $error-code))))
          (core func $write-via-stream (canon lower (func $stdout "write-via-stream")))
          (core func $read-via-stream (canon lower (func $stdin "read-via-stream") (memory (core memory $libc "memory"))))
          (core func $stream.new (canon stream.new $bytes))
          (core func $stream.write (canon stream.write $bytes (memory (core memory $libc "memory"))))
          (core func $stream.drop-readable (canon stream.drop-readable $bytes))
          (core func $stream.drop-writable (canon stream.drop-writable $bytes))
          (core func $future.read (canon future.read $outcome (memory (core memory $libc "memory"))))
          (core func $future.drop-readable (canon future.drop-readable $outcome))
          (core func $task.return (canon task.return))
          (core module $m
            (import "libc" "memory" (memory 1))
            (import "wasi" "write-via-stream" (func $write-via-stream (param i32) (result i32)))
            (import "wasi" "read-via-stream" (func $read-via-stream (param i32)))
            (import "wasi" "stream.new" (func $stream.new (result i64)))
            (import "wasi" "stream.write" (func $stream.write (param i32 i32 i32) (result i32)))
            (import "wasi" "stream.drop-readable" (func $stream.drop-readable (param i32)))
            (import "wasi" "stream.drop-writable" (func $stream.drop-writable (param i32)))
            (import "wasi" "future.read" (func $future.read (param i32 i32) (result i32)))
            (import "wasi" "future.drop-readable" (func $future.drop-readable (param i32)))
            (import "wasi" "task.return" (func $task.return))
            (data (i32.const 100) "ok")
            (func (export "bogus-stream") (drop (call $write-via-stream (i32.const 12345))) (call $task.return))
            (func (export "drop-all") (local $pair i64)
              (local.set $pair (call $stream.new))
              (call $future.drop-readable (call $write-via-stream (i32.wrap_i64 (local.get $pair))))
              (call $stream.drop-writable (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))))
              (call $task.return))
            (func (export "stdin-drop")
              (call $read-via-stream (i32.const 16))
              (call $stream.drop-readable (i32.load (i32.const 16)))
              (call $future.drop-readable (i32.load (i32.const 20)))
              (call $task.return))
            (func (export "print") (local $pair i64) (local $future i32)
              (local.set $pair (call $stream.new))
              (local.set $future (call $write-via-stream (i32.wrap_i64 (local.get $pair))))
              (if (i32.ne (call $stream.write (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))) (i32.const 100) (i32.const 2)) (i32.const 0x20))
                (then unreachable))
              (call $stream.drop-writable (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))))
              (if (i32.ne (call $future.read (local.get $future) (i32.const 48)) (i32.const 0)) (then unreachable))
              (if (i32.load8_u (i32.const 48)) (then unreachable))
              (call $future.drop-readable (local.get $future))
              (call $task.return)))
          (core instance $i (instantiate $m
            (with "libc" (instance $libc))
            (with "wasi" (instance
              (export "write-via-stream" (func $write-via-stream))
              (export "read-via-stream" (func $read-via-stream))
              (export "stream.new" (func $stream.new))
              (export "stream.write" (func $stream.write))
              (export "stream.drop-readable" (func $stream.drop-readable))
              (export "stream.drop-writable" (func $stream.drop-writable))
              (export "future.read" (func $future.read))
              (export "future.drop-readable" (func $future.drop-readable))
              (export "task.return" (func $task.return))))))
          (func (export "bogus-stream") async (canon lift (core func $i "bogus-stream") async))
          (func (export "drop-all") async (canon lift (core func $i "drop-all") async))
          (func (export "stdin-drop") async (canon lift (core func $i "stdin-drop") async))
          (func (export "print") async (canon lift (core func $i "print") async)))
        """;

    [Fact]
    public void A_component_may_import_both_versions_over_one_configuration()
    {
        using var instance = ProbeP3.Runtime.LoadText(Mixed).Instantiate(new WasiConfiguration().WithArgs("app", "x").Build());
        string[] Args(string name) => instance.GetFunction(name)!.Invoke()[0].Items.Select(v => v.AsString()).ToArray();
        Assert.Equal(["app", "x"], Args("args-02"));
        Assert.Equal(["app", "x"], Args("args-03"));
    }

    [Fact]
    public void An_import_declared_with_another_type_is_refused_at_instantiation()
    {
        const string wrong = """
            (component
              (import "wasi:cli/environment@0.3.0" (instance $env
                (export "get-arguments" (func (result u32)))))
              (core func $get-arguments (canon lower (func $env "get-arguments"))))
            """;
        var e = Assert.Throws<ComponentLinkException>(() => ProbeP3.Runtime.LoadText(wrong).Instantiate(new WasiConfiguration().Build()));
        Assert.Contains("get-arguments", e.Message);
    }

    [Fact]
    public void A_number_that_is_no_stream_end_is_a_clean_trap()
    {
        using var instance = ProbeP3.Runtime.LoadText(Hostile).Instantiate(new WasiConfiguration().Build());
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("bogus-stream")!.Invoke());
        Assert.Contains("12345", trap.Message);
    }

    [Fact]
    public void Dropped_streams_and_futures_end_the_hosts_pumps_and_the_host_keeps_working()
    {
        var stdout = new MemoryStream();
        var stdin = new MemoryStream(new byte[1 << 20]);
        using var instance = ProbeP3.Runtime.LoadText(Hostile).Instantiate(new WasiConfiguration().WithStdout(stdout).WithStdin(stdin).Build());
        for (var i = 0; i < 20; i++)
        {
            instance.GetFunction("drop-all")!.Invoke();
            instance.GetFunction("stdin-drop")!.Invoke();
        }

        instance.GetFunction("print")!.Invoke();
        Assert.Equal("ok", Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
