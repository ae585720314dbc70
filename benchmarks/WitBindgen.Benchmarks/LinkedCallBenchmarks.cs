using BenchmarkDotNet.Attributes;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Benchmarks;

/// <summary>
/// A guest calling another guest 1,000 times per operation: the caller's <c>add-loop</c> calls the callee's
/// <c>add(u32, u32)</c>, its <c>echo-loop</c> the callee's 100-byte string <c>echo</c>. The callee's functions reach
/// the caller through a live link (<see cref="HostImports.Link"/>, the fused adapter) or, as before linking existed,
/// through dynamic host functions that call the callee's exports (<see cref="WitValue"/>s both ways).
/// </summary>
[MemoryDiagnoser]
public class LinkedCallBenchmarks
{
    private const int InnerCalls = 1000;

    private const string Allocator = """
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

    private const string Callee = $$"""
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

    private const string Caller = $$"""
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

    private static readonly string Text = new('x', 100);

    private ComponentRuntime _runtime = null!;
    private ComponentInstance _callee = null!;
    private ComponentInstance _linked = null!;
    private ComponentInstance _dynamic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new ComponentRuntime();
        _callee = _runtime.Load(WatText.ToBinary(Callee)).Instantiate();
        var caller = _runtime.Load(WatText.ToBinary(Caller));
        _linked = caller.Instantiate(new HostImports().LinkExports(_callee));
        var add = _callee.GetFunction("add")!;
        var echo = _callee.GetFunction("echo")!;
        _dynamic = caller.Instantiate(new HostImports()
            .DefineFunction("add", args => add.Invoke(args))
            .DefineFunction("echo", args => echo.Invoke(args)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _linked.Dispose();
        _dynamic.Dispose();
        _callee.Dispose();
        _runtime.Dispose();
    }

    /// <summary>1,000 <c>add</c> calls through the live link.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint AddLinked() => AddLoop(_linked);

    /// <summary>1,000 <c>add</c> calls through dynamic host functions.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint AddThroughHost() => AddLoop(_dynamic);

    /// <summary>1,000 echoes of a 100-byte string through the live link.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint EchoLinked() => EchoLoop(_linked);

    /// <summary>1,000 echoes of a 100-byte string through dynamic host functions.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint EchoThroughHost() => EchoLoop(_dynamic);

    private static uint AddLoop(ComponentInstance caller)
    {
        var function = caller.GetRawFunction("add-loop")!;
        Span<RawValue> slots = stackalloc RawValue[1];
        slots[0] = RawValue.FromU32(InnerCalls);
        var entered = function.Call(slots);
        var result = slots[0].U32;
        function.Complete(entered, slots);
        return result;
    }

    private static uint EchoLoop(ComponentInstance caller)
    {
        var function = caller.GetRawFunction("echo-loop")!;
        Span<RawValue> slots = stackalloc RawValue[3];
        var text = CanonicalAbi.LowerString(function.CreateContext(), Text);
        slots[0] = RawValue.FromU32(text.Pointer);
        slots[1] = RawValue.FromU32(text.Length);
        slots[2] = RawValue.FromU32(InnerCalls);
        var entered = function.Call(slots);
        var result = slots[0].U32;
        function.Complete(entered, slots);
        return result;
    }
}
