using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>Generated bindings bind to an export by its full type, not just its core signature.</summary>
public class BindByTypeTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Component = """
        (component
          (core module $m
            (memory (export "memory") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
            (func (export "f") (param i32) (result i32) (local.get 0))
            (func (export "g") (param i32 i32)))
          (core instance $i (instantiate $m))
          (func (export "f") (param "x" s32) (result s32) (canon lift (core func $i "f")))
          (func (export "g") (param "s" string)
            (canon lift (core func $i "g") (memory (core memory $i "memory")) (realloc (core func $i "realloc")))))
        """;

    [Fact]
    public void Bindings_for_the_exact_type_bind()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        Assert.NotNull(instance.BindLiftedFunction(null, "f", new AbiFunctionType([AbiType.S32], [AbiType.S32])));
        Assert.NotNull(instance.BindLiftedFunction(null, "g", new AbiFunctionType([AbiType.String], [])));
    }

    [Fact]
    public void Bindings_for_u32_do_not_bind_to_an_s32_export_nor_list_u8_to_a_string()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var f = Assert.Throws<ComponentLinkException>(() => instance.BindLiftedFunction(null, "f", new AbiFunctionType([AbiType.U32], [AbiType.S32])));
        Assert.Equal(
            "the exported function 'f' has type func(s32) -> s32, but the bindings were generated for func(u32) -> s32: parameter 1: expected u32, found s32",
            f.Message);
        var g = Assert.Throws<ComponentLinkException>(() => instance.BindLiftedFunction(null, "g", new AbiFunctionType([AbiType.List(AbiType.U8)], [])));
        Assert.Contains("parameter 1: expected list<u8>, found string", g.Message);
    }
}
