using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// Host imports implemented as .NET tasks (<see cref="HostImports.DefineAsyncFunction"/>): an async lower gets a
/// subtask while the host works, the guest waits for its event, and the host's result arrives in the guest's memory.
/// </summary>
public class AsyncHostImportTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>"run" calls the host's "fetch" (u32 → u32) with an async lower and returns its result plus one.</summary>
    private const string Component = """
        (component
          (import "fetch" (func $fetch async (param "x" u32) (result u32)))
          (core module $mem (memory (export "mem") 1))
          (core instance $mem (instantiate $mem))
          (core module $m
            (import "" "mem" (memory 1))
            (import "" "task.return" (func $return (param i32)))
            (import "" "waitable-set.new" (func $ws.new (result i32)))
            (import "" "waitable.join" (func $join (param i32 i32)))
            (import "" "subtask.drop" (func $subtask.drop (param i32)))
            (import "" "fetch" (func $fetch (param i32 i32) (result i32)))
            (global $subtask (mut i32) (i32.const 0))
            (func (export "run") (result i32)
              (local $ret i32) (local $ws i32)
              (local.set $ret (call $fetch (i32.const 41) (i32.const 16)))
              (if (i32.eq (local.get $ret) (i32.const 2)) (then
                (call $return (i32.add (i32.load (i32.const 16)) (i32.const 1)))
                (return (i32.const 0))))
              (if (i32.ne (i32.and (local.get $ret) (i32.const 15)) (i32.const 1)) (then unreachable))
              (global.set $subtask (i32.shr_u (local.get $ret) (i32.const 4)))
              (local.set $ws (call $ws.new))
              (call $join (global.get $subtask) (local.get $ws))
              (i32.or (i32.const 2) (i32.shl (local.get $ws) (i32.const 4))))
            (func (export "run-cb") (param $code i32) (param $index i32) (param $payload i32) (result i32)
              (if (i32.ne (local.get $code) (i32.const 1)) (then unreachable))
              (if (i32.ne (local.get $payload) (i32.const 2)) (then unreachable))
              (call $join (global.get $subtask) (i32.const 0))
              (call $subtask.drop (global.get $subtask))
              (call $return (i32.add (i32.load (i32.const 16)) (i32.const 1)))
              (i32.const 0)))
          (canon task.return (result u32) (core func $return))
          (canon waitable-set.new (core func $ws.new))
          (canon waitable.join (core func $join))
          (canon subtask.drop (core func $subtask.drop))
          (canon lower (func $fetch) async (memory (core memory $mem "mem")) (core func $fetch'))
          (core instance $i (instantiate $m (with "" (instance
            (export "mem" (memory $mem "mem"))
            (export "task.return" (func $return))
            (export "waitable-set.new" (func $ws.new))
            (export "waitable.join" (func $join))
            (export "subtask.drop" (func $subtask.drop))
            (export "fetch" (func $fetch'))))))
          (func (export "run") async (result u32) (canon lift (core func $i "run") async (callback (core func $i "run-cb")))))
        """;

    private static HostImports Imports(Func<uint, Task<uint>> fetch) =>
        new HostImports().DefineAsyncFunction("fetch", async (args, _) => [WitValue.U32(await fetch(args[0].AsU32()))]);

    [Fact]
    public async Task TheGuestGetsASubtaskAndTheHostsLaterResult()
    {
        var gate = new TaskCompletionSource<uint>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var instance = Runtime.LoadText(Component).Instantiate(Imports(x => gate.Task.ContinueWith(t => t.Result + x, TaskScheduler.Default)));
        var call = instance.GetFunction("run")!.InvokeAsync([]);
        Assert.False(call.IsCompleted);
        gate.SetResult(100);
        var results = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(142u, results[0].AsU32());
    }

    /// <summary>
    /// Many calls in a row whose guest awaits a host task that completes on another thread: each call's continuation may
    /// resume on any pool thread, and the loop's gate must still be released at the end of every call (a gate owned by a
    /// thread id stayed taken when the continuation moved, and a later call waited for it for ever).
    /// </summary>
    [Fact]
    public async Task CallsWhoseContinuationsMoveBetweenThreadsAlwaysReleaseTheLoop()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(Imports(async x =>
        {
            await Task.Yield();
            return x * 2;
        }));
        var run = instance.GetFunction("run")!;
        var calls = Task.Run(async () =>
        {
            for (int i = 0; i < 200_000; i++)
            {
                Assert.Equal(83u, (await run.InvokeAsync([]).ConfigureAwait(false))[0].AsU32());
            }
        });
        await calls.WaitAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void ASynchronousInvokeWaitsForTheHostWork()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(Imports(async x =>
        {
            await Task.Delay(20);
            return x * 2;
        }));
        Assert.Equal(83u, instance.GetFunction("run")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void WaitingForHostWorkLongerThanTheCallTimeoutTraps()
    {
        using var interruptible = new ComponentRuntime(new ComponentRuntimeOptions { EnableInterruption = true });
        var never = new TaskCompletionSource<uint>();
        using var instance = interruptible.LoadText(Component).Instantiate(Imports(_ => never.Task), new ComponentLimits { CallTimeout = TimeSpan.FromMilliseconds(200) });
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("run")!.Invoke());
        Assert.Equal(ComponentTrapKind.DeadlineExceeded, e.Kind);
    }

    [Fact]
    public void HostWorkThatIsDoneAtOnceReturnsWithoutASubtask()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(Imports(x => Task.FromResult(x + 1)));
        Assert.Equal(43u, instance.GetFunction("run")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void ATypedAsyncDefinitionRunsWhenTheImportHasItsType()
    {
        var type = new AbiFunctionType([AbiType.U32], [AbiType.U32]);
        var imports = new HostImports().DefineAsyncFunction("fetch", type, (args, _) => Task.FromResult(new[] { WitValue.U32(args[0].AsU32() * 3) }));
        using var instance = Runtime.LoadText(Component).Instantiate(imports);
        Assert.Equal(124u, instance.GetFunction("run")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void ATypedAsyncDefinitionOfAnotherTypeIsRefusedAtInstantiation()
    {
        var type = new AbiFunctionType([AbiType.U64], [AbiType.U32]);
        var imports = new HostImports().DefineAsyncFunction("fetch", type, (_, _) => Task.FromResult(new[] { WitValue.U32(0) }));
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(Component).Instantiate(imports));
        Assert.Contains("fetch", e.Message);
        Assert.Contains("u64", e.Message);
    }
}
