using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

public class RoundTripTests
{
    public static TheoryData<string, StringEncoding, bool> Cases()
    {
        var data = new TheoryData<string, StringEncoding, bool>();
        foreach (var name in AbiSamples.Names)
        {
            foreach (var encoding in Enum.GetValues<StringEncoding>())
            {
                data.Add(name, encoding, false);
            }

            data.Add(name, StringEncoding.Utf8, true);
        }

        return data;
    }

    public static TheoryData<string> Names() => [.. AbiSamples.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Store_then_load_gives_the_value_back(string name, StringEncoding encoding, bool moveOnRealloc)
    {
        var (type, value) = AbiSamples.All[name];
        var memory = new TestMemory { MoveOnRealloc = moveOnRealloc };
        var cx = memory.Context(encoding, new TestResources());
        var pointer = memory.Realloc(0, 0, (uint)type.Alignment, (uint)type.Size);

        CanonicalAbi.Store(cx, type, value, pointer);
        var loaded = CanonicalAbi.Load(cx, type, pointer);

        Assert.Equal(value, loaded);
        Assert.True(memory.GuardsIntact());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lower_flat_then_lift_flat_gives_the_value_back(string name, StringEncoding encoding, bool moveOnRealloc)
    {
        var (type, value) = AbiSamples.All[name];
        if (!type.HasFlatTypes)
        {
            Assert.True(type.FlatCount > CanonicalAbi.MaxFlatParams);
            return;
        }

        var memory = new TestMemory { MoveOnRealloc = moveOnRealloc };
        var cx = memory.Context(encoding, new TestResources());
        var slots = new RawValue[type.FlatCount + 2];
        var index = 1;

        CanonicalAbi.LowerFlat(cx, type, value, slots, ref index);
        Assert.Equal(1 + type.FlatCount, index);

        index = 1;
        var lifted = CanonicalAbi.LiftFlat(cx, type, slots, ref index);
        Assert.Equal(1 + type.FlatCount, index);
        Assert.Equal(value, lifted);
        Assert.Equal(default, slots[0]);
        Assert.Equal(default, slots[^1]);
        Assert.True(memory.GuardsIntact());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_survive_a_list_of_three(string name)
    {
        var (type, value) = AbiSamples.All[name];
        if (type is AbiOwnType)
        {
            return; // an own handle can be lifted only once
        }

        var listType = AbiType.List(type);
        var list = WitValue.List(value, value, value);
        var memory = new TestMemory();
        var cx = memory.Context(StringEncoding.Utf16, new TestResources());
        var pointer = memory.Realloc(0, 0, 4, 8);

        CanonicalAbi.Store(cx, listType, list, pointer);

        Assert.Equal(list, CanonicalAbi.Load(cx, listType, pointer));
    }
}
