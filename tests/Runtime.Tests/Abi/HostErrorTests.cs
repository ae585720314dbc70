using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>Host mistakes are reported as argument or configuration errors, never as guest traps.</summary>
public class HostErrorTests
{
    private readonly AbiContext _cx = new TestMemory().Context(StringEncoding.Utf8, new TestResources());

    public static TheoryData<string> Mismatches() =>
    [
        "kind", "variant-case", "variant-missing-payload", "variant-extra-payload", "fixed-length", "record-arity", "flags-count", "option-kind",
    ];

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Values_that_do_not_match_their_type_are_rejected(string mismatch)
    {
        var (type, value) = mismatch switch
        {
            "kind" => ((AbiType)AbiType.String, WitValue.U32(1)),
            "variant-case" => (AbiType.Variant(new AbiCase("a"), new AbiCase("b")), WitValue.Variant(2)),
            "variant-missing-payload" => (AbiType.Variant(new AbiCase("a", AbiType.U8)), WitValue.Variant(0)),
            "variant-extra-payload" => (AbiType.Variant(new AbiCase("a")), WitValue.Variant(0, WitValue.U8(1))),
            "fixed-length" => (AbiType.FixedList(AbiType.U8, 2), WitValue.List(WitValue.U8(1))),
            "record-arity" => (AbiType.Record(new AbiField("a", AbiType.U8), new AbiField("b", AbiType.U8)), WitValue.Record(WitValue.U8(1))),
            "flags-count" => (AbiType.Flags(4), WitValue.Flags(5, 1)),
            _ => (AbiType.Option(AbiType.U8), WitValue.Ok(WitValue.U8(1))),
        };

        Assert.Throws<ArgumentException>(() => CanonicalAbi.Store(_cx, type, value, 64));
        if (type.HasFlatTypes)
        {
            var index = 0;
            Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerFlat(_cx, type, value, new RawValue[type.FlatCount], ref index));
        }
    }

    [Fact]
    public void Too_few_core_values_is_an_argument_error()
    {
        var index = 0;
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LiftFlat(_cx, AbiType.String, new RawValue[1], ref index));
        index = 1;
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerFlat(_cx, AbiType.U64, WitValue.U64(1), new RawValue[1], ref index));
    }

    [Fact]
    public void Missing_canonical_options_are_configuration_errors()
    {
        var noMemory = new AbiContext();
        Assert.Throws<InvalidOperationException>(() => CanonicalAbi.Load(noMemory, AbiType.U8, 0));
        var index = 0;
        Assert.Equal(WitValue.U8(3), CanonicalAbi.LiftFlat(noMemory, AbiType.U8, [RawValue.FromI32(3)], ref index));

        var noRealloc = new AbiContext { Memory = new TestMemory() };
        Assert.Throws<InvalidOperationException>(() => CanonicalAbi.LowerString(noRealloc, "x"));
        Assert.Equal("", CanonicalAbi.LiftString(noRealloc, 0, 0));

        var noResources = new TestMemory().Context();
        index = 0;
        Assert.Throws<InvalidOperationException>(() => CanonicalAbi.LiftFlat(noResources, AbiType.Own(new object()), [RawValue.FromI32(1)], ref index));
    }
}
