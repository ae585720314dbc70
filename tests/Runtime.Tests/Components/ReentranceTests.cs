using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// The entering rules between nested component instances: a call from a component into its own instance, a parent
/// or a child traps (as the specification's reference tests and Wasmtime do for now); siblings call each other; a
/// trap leaves the host and other instances running.
/// </summary>
public class ReentranceTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// The parent lowers the child's "run", the child imports the parent's "back" (passed at instantiation) and calls
    /// it from "run": the call path host → parent → child → parent. "alone" is a child export that calls nothing.
    /// </summary>
    private const string ParentChildParent = """
        (component
          (core module $pm
            (func (export "back") (result i32) (i32.const 7)))
          (core instance $pi (instantiate $pm))
          (func $back (result u32) (canon lift (core func $pi "back")))
          (component $child
            (import "back" (func $back (result u32)))
            (core func $back (canon lower (func $back)))
            (core module $cm
              (import "parent" "back" (func $back (result i32)))
              (func (export "run") (result i32) (i32.add (call $back) (i32.const 1)))
              (func (export "alone") (result i32) (i32.const 3)))
            (core instance $ci (instantiate $cm (with "parent" (instance (export "back" (func $back))))))
            (func $run (result u32) (canon lift (core func $ci "run")))
            (func $alone (result u32) (canon lift (core func $ci "alone")))
            (export "run" (func $run))
            (export "alone" (func $alone)))
          (instance $c (instantiate $child (with "back" (func $back))))
          (core func $run (canon lower (func $c "run")))
          (core func $alone (canon lower (func $c "alone")))
          (core module $om
            (import "child" "run" (func $run (result i32)))
            (import "child" "alone" (func $alone (result i32)))
            (func (export "outer") (result i32) (call $run))
            (func (export "outer-alone") (result i32) (call $alone))
            (func (export "ping") (result i32) (i32.const 42)))
          (core instance $oi (instantiate $om (with "child" (instance (export "run" (func $run)) (export "alone" (func $alone))))))
          (func (export "outer") (result u32) (canon lift (core func $oi "outer")))
          (func (export "outer-alone") (result u32) (canon lift (core func $oi "outer-alone")))
          (func (export "ping") (result u32) (canon lift (core func $oi "ping")))
          (export "child-run" (func $c "run"))
          (export "child-alone" (func $c "alone")))
        """;

    [Fact]
    public void A_parent_calling_a_child_that_calls_back_into_the_parent_traps_and_the_host_carries_on()
    {
        var component = Runtime.LoadText(ParentChildParent);
        using var first = component.Instantiate();
        using var second = component.Instantiate();

        var trap = Assert.Throws<ComponentTrapException>(() => first.GetFunction("outer")!.Invoke());
        Assert.Equal(ComponentTrapKind.Reentrance, trap.Kind);
        Assert.Contains("cannot enter component instance", trap.Message);
        Assert.True(first.State.Poisoned);

        // The trapped instance stays unusable; another instance of the same component and the host are fine.
        Assert.Throws<ComponentTrapException>(() => first.GetFunction("ping")!.Invoke());
        Assert.Equal(42u, second.GetFunction("ping")!.Invoke()[0].AsU32());
        Assert.Equal(3u, second.GetFunction("child-alone")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void A_parent_calling_into_its_child_traps()
    {
        using var instance = Runtime.LoadText(ParentChildParent).Instantiate();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("outer-alone")!.Invoke());
        Assert.Equal(ComponentTrapKind.Reentrance, trap.Kind);
        Assert.Contains("cannot enter component instance", trap.Message);
    }

    [Fact]
    public void A_child_calling_into_its_parent_traps()
    {
        using var instance = Runtime.LoadText(ParentChildParent).Instantiate();

        // The host enters the child (and so the parent); the child's import is the parent's own function.
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("child-run")!.Invoke());
        Assert.Contains("cannot enter component instance", trap.Message);

        // The host may call the child directly when nothing crosses into the parent.
        using var fresh = Runtime.LoadText(ParentChildParent).Instantiate();
        Assert.Equal(3u, fresh.GetFunction("child-alone")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void A_component_calling_its_own_lifted_function_traps()
    {
        using var instance = Runtime.LoadText("""
            (component
              (core module $m (func (export "seven") (result i32) (i32.const 7)))
              (core instance $i (instantiate $m))
              (func $seven (result u32) (canon lift (core func $i "seven")))
              (core func $seven (canon lower (func $seven)))
              (core module $n
                (import "self" "seven" (func $seven (result i32)))
                (func (export "run") (result i32) (call $seven)))
              (core instance $j (instantiate $n (with "self" (instance (export "seven" (func $seven))))))
              (func (export "run") (result u32) (canon lift (core func $j "run"))))
            """).Instantiate();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("run")!.Invoke());
        Assert.Contains("cannot enter component instance", trap.Message);
    }

    [Fact]
    public void Siblings_call_each_other()
    {
        using var instance = Runtime.LoadText("""
            (component
              (component $leaf
                (core module $m (func (export "k") (result i32) (i32.const 21)))
                (core instance $i (instantiate $m))
                (func $k (result u32) (canon lift (core func $i "k")))
                (export "k" (func $k)))
              (component $caller
                (import "k" (func $k (result u32)))
                (core func $k (canon lower (func $k)))
                (core module $m
                  (import "" "k" (func $k (result i32)))
                  (func (export "twice") (result i32) (i32.mul (call $k) (i32.const 2))))
                (core instance $i (instantiate $m (with "" (instance (export "k" (func $k))))))
                (func $twice (result u32) (canon lift (core func $i "twice")))
                (export "twice" (func $twice)))
              (instance $leaf (instantiate $leaf))
              (instance $a (instantiate $caller (with "k" (func $leaf "k"))))
              (instance $b (instantiate $caller (with "k" (func $a "twice"))))
              (export "twice" (func $a "twice"))
              (export "four-times" (func $b "twice")))
            """).Instantiate();
        Assert.Equal(42u, instance.GetFunction("twice")!.Invoke()[0].AsU32());
        Assert.Equal(84u, instance.GetFunction("four-times")!.Invoke()[0].AsU32());
    }
}
