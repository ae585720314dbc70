using Fixtures.Collections.Collections;
using Fixtures.Collections.Host;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// <c>map&lt;K, V&gt;</c> (<see cref="IReadOnlyDictionary{TKey, TValue}"/>) and fixed-length <c>list&lt;T, N&gt;</c>
/// (arrays of exactly N elements) through generated bindings, both ways, and the same component through the
/// runtime's dynamic values.
/// </summary>
public class CollectionTests
{
    private sealed class Host : IHost
    {
        public List<IReadOnlyDictionary<string, uint>> Tables { get; } = new();

        public uint? Lookup(IReadOnlyDictionary<string, uint> table, string key)
        {
            Tables.Add(table);
            return table.TryGetValue(key, out var value) ? value : null;
        }

        public int[] Double(int[] v) => v.Select(x => x * 2).ToArray();
    }

    private static CollectionsWorld Instantiate(Host? host = null) =>
        CollectionsWorld.Instantiate(Fixture.Collections, new CollectionsWorld.Imports(host ?? new Host()));

    [Fact]
    public void Maps_are_passed_to_the_component_and_come_back()
    {
        using var world = Instantiate();
        var map = new Dictionary<string, uint> { ["one"] = 1, ["two"] = 2, ["forty"] = 40 };
        Assert.Equal(43u, world.SumValues(map));
        Assert.Equal(0u, world.SumValues(new Dictionary<string, uint>()));
        Assert.Equal(map, world.EchoMap(map));
        Assert.Empty(world.EchoMap(new Dictionary<string, uint>()));

        // Any read-only dictionary will do.
        Assert.Equal(5u, world.SumValues(new System.Collections.ObjectModel.ReadOnlyDictionary<string, uint>(new Dictionary<string, uint> { ["x"] = 5 })));
        Assert.Throws<ArgumentNullException>(() => world.SumValues(null!));
    }

    [Fact]
    public void A_key_the_guest_names_twice_keeps_its_last_value()
    {
        using var world = Instantiate();
        Assert.Equal(new Dictionary<string, uint> { ["a"] = 3, ["b"] = 2 }, world.DuplicateKeys());
    }

    [Fact]
    public void A_map_outside_guest_memory_is_a_trap()
    {
        using var world = Instantiate();
        var trap = Assert.Throws<ComponentTrapException>(() => world.BadMap());
        Assert.Equal(ComponentTrapKind.OutOfBounds, trap.Kind);
    }

    [Fact]
    public void Fixed_length_lists_are_arrays_of_exactly_their_length()
    {
        using var world = Instantiate();
        Assert.Equal(new uint[] { 4, 3, 2, 1 }, world.Reverse([1, 2, 3, 4]));
        Assert.Equal(10u, world.IpSum([1, 2, 3, 4]));
        Assert.Equal(190u, world.WideSum(Enumerable.Range(0, 20).Select(i => (uint)i).ToArray()));
        Assert.Equal(new[] { "second", "first" }, world.SwapNames(["first", "second"]));

        var e = Assert.Throws<ArgumentException>(() => world.Reverse([1, 2, 3]));
        Assert.Contains("exactly 4 elements", e.Message);
        Assert.Throws<ArgumentException>(() => world.WideSum(new uint[21]));
        Assert.Throws<ArgumentNullException>(() => world.IpSum(null!));

        // A refused argument leaves the instance usable.
        Assert.Equal(6u, world.IpSum([0, 1, 2, 3]));
    }

    [Fact]
    public void The_component_passes_maps_and_fixed_length_lists_to_the_host()
    {
        var host = new Host();
        using var world = Instantiate(host);
        Assert.Equal(2u, world.CallLookup("two"));
        Assert.Null(world.CallLookup("three"));
        Assert.Equal(new Dictionary<string, uint> { ["one"] = 1, ["two"] = 2 }, host.Tables[0]);
        Assert.Equal(12, world.CallDouble());
    }

    [Fact]
    public void Records_carry_maps_and_fixed_length_lists()
    {
        using var world = Instantiate();
        var inventory = new Inventory(new Dictionary<string, uint> { ["bolts"] = 12, ["nuts"] = 7 }, [1, -2, 3, -4]);
        var back = world.EchoInventory(inventory);
        Assert.Equal(inventory.Counts, back.Counts);
        Assert.Equal(inventory.Corners, back.Corners);
        Assert.Throws<ArgumentException>(() => world.EchoInventory(inventory with { Corners = [1, 2] }));
    }

    [Fact]
    public void The_dynamic_api_sees_a_map_as_its_list_of_entries()
    {
        var imports = new HostImports();
        imports.DefineInstance("test:collections/host")
            .DefineFunction("lookup", args =>
            {
                var key = args[1].AsString();
                var found = args[0].Items.LastOrDefault(entry => entry.Items[0].AsString() == key);
                return [found is null ? WitValue.None : WitValue.Some(found.Items[1])];
            })
            .DefineFunction("double", args => [WitValue.List(args[0].Items.Select(x => WitValue.S32(x.AsS32() * 2)).ToArray())]);
        using var instance = Fixture.Collections.Instantiate(imports);

        var map = WitValue.Map((WitValue.String("k"), WitValue.U32(1)), (WitValue.String("k"), WitValue.U32(2)));
        Assert.Equal(3u, instance.GetFunction("sum-values")!.Invoke(map)[0].AsU32());
        Assert.Equal(map, instance.GetFunction("echo-map")!.Invoke(map)[0]);

        // Duplicates are kept, in order: only bindings fold them.
        var duplicates = instance.GetFunction("duplicate-keys")!.Invoke()[0];
        Assert.Equal(3, duplicates.Items.Length);
        Assert.Equal(
            WitValue.Map((WitValue.String("a"), WitValue.U32(1)), (WitValue.String("b"), WitValue.U32(2)), (WitValue.String("a"), WitValue.U32(3))),
            duplicates);

        var reversed = instance.GetFunction("reverse")!.Invoke(WitValue.List(WitValue.U32(1), WitValue.U32(2), WitValue.U32(3), WitValue.U32(4)))[0];
        Assert.Equal(WitValue.List(WitValue.U32(4), WitValue.U32(3), WitValue.U32(2), WitValue.U32(1)), reversed);
        Assert.Equal(WitValue.Some(WitValue.U32(1)), instance.GetFunction("call-lookup")!.Invoke(WitValue.String("one"))[0]);
        Assert.Equal(12, instance.GetFunction("call-double")!.Invoke()[0].AsS32());
    }
}
