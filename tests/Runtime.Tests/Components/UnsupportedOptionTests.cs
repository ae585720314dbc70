using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Canonical options the runtime cannot run are refused at instantiation with a <see cref="ComponentLinkException"/>
/// that names the definition: a 64-bit memory as the <c>memory</c> option, and the <c>gc</c> option.
/// </summary>
public class UnsupportedOptionTests
{
    private static readonly ComponentRuntime Runtime = new();

    [Fact]
    public void A_64_bit_memory_as_the_memory_option_of_a_lift_is_refused_at_load()
    {
        var e = Assert.Throws<ComponentFormatException>(() => Runtime.LoadText("""
            (component
              (core module $m
                (memory (export "mem") i64 1)
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
                (func (export "len") (param i32 i32) (result i32) (local.get 1)))
              (core instance $i (instantiate $m))
              (func (export "len") (param "s" string) (result u32)
                (canon lift (core func $i "len") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
            """));
        Assert.Contains("canonical option `memory`", e.Message);
        Assert.Contains("64-bit memory", e.Message);
    }

    [Fact]
    public void A_64_bit_memory_as_the_memory_option_of_a_lower_is_refused_at_load()
    {
        var e = Assert.Throws<ComponentFormatException>(() => Runtime.LoadText("""
            (component
              (import "log" (func $log (param "s" string)))
              (core module $mem (memory (export "mem") i64 1))
              (core instance $mem (instantiate $mem))
              (core func $log (canon lower (func $log) (memory (core memory $mem "mem")))))
            """));
        Assert.Contains("canonical option `memory`", e.Message);
        Assert.Contains("64-bit memory", e.Message);
    }

    [Fact]
    public void A_32_bit_memory_beside_a_64_bit_one_works()
    {
        using var instance = Runtime.LoadText("""
            (component
              (core module $m
                (memory (export "mem") 1)
                (memory (export "big") i64 1)
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
                (func (export "len") (param i32 i32) (result i32) (local.get 1)))
              (core instance $i (instantiate $m))
              (func (export "len") (param "s" string) (result u32)
                (canon lift (core func $i "len") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
            """).Instantiate();
        Assert.Equal(3u, instance.GetFunction("len")!.Invoke(WitValue.String("abc"))[0].AsU32());
    }

    [Theory]
    [InlineData("gc (core-type $t)", "'gc'")]
    [InlineData("gc", "'gc'")]
    public void The_gc_option_is_refused_before_any_guest_code_runs(string options, string named)
    {
        var component = Runtime.LoadText($$"""
            (component
              (core type $t (func (param i32) (result i32)))
              (core module $m
                (func $start unreachable)
                (start $start)
                (func (export "f") (param i32) (result i32) (local.get 0)))
              (core instance $i (instantiate $m))
              (component $inner
                (core module $n (func (export "f") (param i32) (result i32) (local.get 0)))
                (core instance $j (instantiate $n))
                (func (export "f") (param "x" u32) (result u32) (canon lift (core func $j "f") {{options}}))))
            """);

        // The start function would trap: the refusal comes first, and names the option and the definition.
        var e = Assert.Throws<ComponentLinkException>(() => component.Instantiate());
        Assert.Contains(named, e.Message);
        Assert.Contains("canon lift of core func 0", e.Message);
    }
}
