using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Instantiations of one loaded component share the canonical ABI types that have no handles (converted once), and
/// keep their own for the types with handles (each instantiation has its own resource types).
/// </summary>
public class SharedTypesTests
{
    private const string Component = """
        (component
          (type $r (resource (rep i32)))
          (export $re "r" (type $r))
          (core func $new (canon resource.new $r))
          (core module $m
            (import "res" "new" (func $new (param i32) (result i32)))
            (func (export "ctor") (param i32) (result i32) (call $new (local.get 0)))
            (func (export "peek") (param i32) (result i32) (local.get 0))
            (func (export "pair") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
          (core instance $i (instantiate $m (with "res" (instance (export "new" (func $new))))))
          (type $point (record (field "x" u32) (field "y" u32)))
          (export $pe "point" (type $point))
          (func $ctor (param "v" u32) (result (own $re)) (canon lift (core func $i "ctor")))
          (func $peek (param "v" u32) (result u32) (canon lift (core func $i "peek")))
          (func $pair (param "p" $pe) (result u32) (canon lift (core func $i "pair")))
          (export "ctor" (func $ctor))
          (export "peek" (func $peek))
          (export "pair" (func $pair)))
        """;

    [Fact]
    public void Types_without_handles_are_one_object_for_every_instantiation_and_handle_types_are_per_instantiation()
    {
        using var runtime = new ComponentRuntime();
        var loaded = runtime.LoadText(Component);
        using var a = loaded.Instantiate(null);
        using var b = loaded.Instantiate(null);

        Assert.Same(a.GetRawFunction("peek")!.Type, b.GetRawFunction("peek")!.Type);
        Assert.Same(a.GetRawFunction("pair")!.Type, b.GetRawFunction("pair")!.Type);
        Assert.IsType<AbiRecordType>(a.GetRawFunction("pair")!.Type.Parameters[0]);

        var ownA = Assert.IsType<AbiOwnType>(a.GetRawFunction("ctor")!.Type.Results[0]);
        var ownB = Assert.IsType<AbiOwnType>(b.GetRawFunction("ctor")!.Type.Results[0]);
        Assert.NotSame(ownA.Resource, ownB.Resource);

        // Both instances still work with their own types.
        Span<RawValue> slots = [RawValue.FromU32(7)];
        var entered = a.GetRawFunction("peek")!.Call(slots);
        a.GetRawFunction("peek")!.Complete(entered, slots);
        Assert.Equal(7u, slots[0].U32);
    }

    [Fact]
    public void More_instantiations_do_not_grow_the_shared_types()
    {
        using var runtime = new ComponentRuntime();
        var loaded = runtime.LoadText(Component);
        loaded.Instantiate(null).Dispose();
        var shared = SharedAbiTypes.For(loaded.Definition).Count;
        Assert.True(shared > 0, "the handle-free types are shared");

        for (var i = 0; i < 5; i++)
        {
            loaded.Instantiate(null).Dispose();
        }

        Assert.Equal(shared, SharedAbiTypes.For(loaded.Definition).Count);
    }
}
