using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Core exception tags exported by core instances, aliased and passed to other core instances: Wasmtime .NET has no
/// managed type for them, so the runtime carries them through Wasmtime's C API.
/// </summary>
public class CoreTagTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Tags = """
        (component
          (core module $m
            (tag (export "t") (param i32))
            (func (export "raise") (param i32) (throw 0 (local.get 0))))
          (core instance $i (instantiate $m))
          (alias core export $i "t" (core tag $t))
          (core module $n
            (import "a" "t" (tag $t (param i32)))
            (import "a" "raise" (func $raise (param i32)))
            (func (export "catch-own") (result i32)
              (block $h (result i32)
                (try_table (catch $t $h) (throw $t (i32.const 5)))
                (i32.const 0)))
            (func (export "catch-other") (param i32) (result i32)
              (block $h (result i32)
                (try_table (catch $t $h) (call $raise (local.get 0)))
                (i32.const 0)))
            (func (export "uncaught") (result i32) (throw $t (i32.const 1))))
          (core instance $j (instantiate $n (with "a" (instance (export "t" (tag $t)) (export "raise" (func $i "raise"))))))
          (func (export "catch-own") (result u32) (canon lift (core func $j "catch-own")))
          (func (export "catch-other") (param "x" u32) (result u32) (canon lift (core func $j "catch-other")))
          (func (export "uncaught") (result u32) (canon lift (core func $j "uncaught"))))
        """;

    [Fact]
    public void A_tag_exported_by_one_core_instance_is_imported_by_another_and_keeps_its_identity()
    {
        using var instance = Runtime.LoadText(Tags).Instantiate();
        Assert.Equal(5u, instance.GetFunction("catch-own")!.Invoke()[0].AsU32());

        // Thrown in the exporting instance, caught in the importing one: the same tag.
        Assert.Equal(9u, instance.GetFunction("catch-other")!.Invoke(WitValue.U32(9))[0].AsU32());
    }

    [Fact]
    public void An_uncaught_exception_is_a_trap_and_other_instances_carry_on()
    {
        var component = Runtime.LoadText(Tags);
        using var first = component.Instantiate();
        using var second = component.Instantiate();
        var trap = Assert.Throws<ComponentTrapException>(() => first.GetFunction("uncaught")!.Invoke());
        Assert.DoesNotContain('\0', trap.Message);
        Assert.True(first.State.Poisoned);
        Assert.Equal(5u, second.GetFunction("catch-own")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void A_tag_aliased_but_not_used_is_accepted()
    {
        using var instance = Runtime.LoadText("""
            (component
              (core module $m (tag (export "t")) (func (export "f") (result i32) (i32.const 1)))
              (core instance $i (instantiate $m))
              (alias core export $i "t" (core tag $t))
              (core instance $bag (export "t" (tag $t)) (export "f" (func $i "f")))
              (func (export "f") (result u32) (canon lift (core func $bag "f"))))
            """).Instantiate();
        Assert.Equal(1u, instance.GetFunction("f")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void A_start_function_that_throws_in_a_module_importing_a_tag_is_a_trap()
    {
        var component = Runtime.LoadText("""
            (component
              (core module $m (tag (export "t")))
              (core instance $i (instantiate $m))
              (core module $n
                (import "a" "t" (tag $t))
                (func $start (throw $t))
                (start $start))
              (core instance $j (instantiate $n (with "a" (instance $i)))))
            """);
        var trap = Assert.Throws<ComponentTrapException>(() => component.Instantiate());
        Assert.Contains("start function", trap.Message);
        Assert.DoesNotContain('\0', trap.Message);
    }
}
