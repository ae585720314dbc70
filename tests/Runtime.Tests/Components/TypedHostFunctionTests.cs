using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>Dynamic host functions defined with the function type they were written for are linked by that type.</summary>
public class TypedHostFunctionTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Component = """
        (component
          (import "math" (instance $math
            (export "twice" (func (param "x" u32) (result u32)))))
          (alias export $math "twice" (func $twice))
          (core func $twice (canon lower (func $twice)))
          (core module $m
            (import "math" "twice" (func $twice (param i32) (result i32)))
            (func (export "run") (param i32) (result i32) (call $twice (local.get 0))))
          (core instance $i (instantiate $m (with "math" (instance (export "twice" (func $twice))))))
          (func $run (param "x" u32) (result u32) (canon lift (core func $i "run")))
          (export "run" (func $run)))
        """;

    private static HostImports Math(AbiFunctionType type)
    {
        var imports = new HostImports();
        imports.DefineInstance("math").DefineFunction("twice", type, arguments => [WitValue.U32(arguments[0].AsU32() * 2)]);
        return imports;
    }

    [Fact]
    public void A_function_of_the_declared_type_links_and_runs()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(Math(new AbiFunctionType([AbiType.U32], [AbiType.U32])));
        Assert.Equal(42u, instance.GetFunction("run")!.Invoke(WitValue.U32(21))[0].AsU32());
    }

    [Fact]
    public void A_function_written_for_another_type_is_a_link_error_naming_both_types()
    {
        var e = Assert.Throws<ComponentLinkException>(() =>
            Runtime.LoadText(Component).Instantiate(Math(new AbiFunctionType([AbiType.S32], [AbiType.U32]))));
        Assert.Contains("'math#twice'", e.Message);
        Assert.Contains("func(u32) -> u32", e.Message);
        Assert.Contains("func(s32) -> u32", e.Message);
        Assert.Contains("parameter 1: expected s32, found u32", e.Message);
    }

    [Fact]
    public void An_untyped_function_adapts_to_the_declared_type()
    {
        var imports = new HostImports();
        imports.DefineInstance("math").DefineFunction("twice", arguments => [WitValue.U32(arguments[0].AsU32() * 2)]);
        using var instance = Runtime.LoadText(Component).Instantiate(imports);
        Assert.Equal(10u, instance.GetFunction("run")!.Invoke(WitValue.U32(5))[0].AsU32());
    }
}
