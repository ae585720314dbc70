using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// <c>error-context</c> as a value of a function's type (CanonicalABI.md <c>lift_error_context</c>,
/// <c>lower_error_context</c>) through the dynamic API: an <see cref="ErrorContext"/> with its debug message.
/// </summary>
public class ErrorContextValueTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// "make" returns a new error context ("oops"); "forge" returns index 1, which is a waitable set, not an error context;
    /// "describe" drops the error context it gets and returns its index; "keep" keeps it.
    /// </summary>
    private const string Component = """
        (component
          (core module $mem (memory (export "mem") 1))
          (core instance $mem (instantiate $mem))
          (core func $ec.new (canon error-context.new (memory (core memory $mem "mem"))))
          (core func $ec.drop (canon error-context.drop))
          (core func $ws.new (canon waitable-set.new))
          (core module $m
            (import "" "mem" (memory 1))
            (import "" "ec.new" (func $ec.new (param i32 i32) (result i32)))
            (import "" "ec.drop" (func $ec.drop (param i32)))
            (import "" "ws.new" (func $ws.new (result i32)))
            (data (i32.const 100) "oops")
            (global $kept (mut i32) (i32.const 0))
            (func (export "make") (result i32) (call $ec.new (i32.const 100) (i32.const 4)))
            (func (export "forge") (result i32) (call $ws.new))
            (func (export "describe") (param $e i32) (result i32) (call $ec.drop (local.get $e)) (local.get $e))
            (func (export "keep") (param $e i32) (global.set $kept (local.get $e))))
          (core instance $i (instantiate $m (with "" (instance
            (export "mem" (memory $mem "mem"))
            (export "ec.new" (func $ec.new))
            (export "ec.drop" (func $ec.drop))
            (export "ws.new" (func $ws.new))))))
          (func (export "make") (result error-context) (canon lift (core func $i "make")))
          (func (export "forge") (result error-context) (canon lift (core func $i "forge")))
          (func (export "describe") (param "e" error-context) (result u32) (canon lift (core func $i "describe")))
          (func (export "keep") (param "e" error-context) (canon lift (core func $i "keep"))))
        """;

    [Fact]
    public void AnErrorContextTheGuestMadeIsLiftedWithItsDebugMessage()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var made = Assert.IsType<ErrorContext>(instance.GetFunction("make")!.Invoke()[0].AsHandle());
        Assert.Equal("oops", made.DebugMessage);
        Assert.Equal(1, instance.State.Handles.Count); // lifting shares the context: the guest's handle stays
    }

    [Fact]
    public void LoweringAnErrorContextAddsItToTheGuestsTable()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var keep = instance.GetFunction("keep")!;
        var context = new ErrorContext("from the host");
        keep.Invoke(WitValue.Handle(context));
        keep.Invoke(WitValue.Handle(context));
        Assert.Equal(2, instance.State.Handles.Count);
        Assert.Equal(3u, instance.GetFunction("describe")!.Invoke(WitValue.Handle(context))[0].AsU32()); // a handle of its own
        Assert.Equal(2, instance.State.Handles.Count); // which describe dropped
    }

    [Fact]
    public void AnIndexThatIsNotAnErrorContextTraps()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("forge")!.Invoke());
        Assert.Contains("is not an error context", trap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfAnotherKindIsRefusedBeforeTheCall()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        Assert.Throws<ArgumentException>(() => instance.GetFunction("keep")!.Invoke(WitValue.Handle("not an error context")));
        Assert.Equal(0, instance.State.Handles.Count);
    }
}
