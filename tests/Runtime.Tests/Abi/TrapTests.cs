using WitBindgen.Runtime;
using System.Text;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>Every guest ABI violation traps before the host touches memory outside the guest region.</summary>
public class TrapTests
{
    private const int Size = 64 * 1024;

    [Fact]
    public void String_reaching_past_memory_traps_with_a_clear_message()
    {
        var trap = AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.LiftString(cx, Size - 3, 10));
        Assert.Equal("string pointer 0xfffd + length 10 bytes is outside guest memory of 65536 bytes", trap.Message);
    }

    [Fact]
    public void String_pointer_plus_length_overflowing_32_bits_traps()
    {
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.LiftString(cx, 0xFFFF_FFF0, 0x20));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.LiftString(cx, 0xFFFF_FFFE, 2), StringEncoding.Latin1Utf16);
    }

    [Fact]
    public void Empty_string_at_the_very_end_is_fine_but_past_it_traps()
    {
        var memory = new TestMemory(Size);
        Assert.Equal(string.Empty, CanonicalAbi.LiftString(memory.Context(), Size, 0));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.LiftString(cx, Size + 1, 0));
    }

    [Theory]
    [InlineData(StringEncoding.Utf16, 101u, 2u)]
    [InlineData(StringEncoding.Latin1Utf16, 101u, 2u)]
    [InlineData(StringEncoding.Latin1Utf16, 101u, 2u | CanonicalAbi.Utf16Tag)]
    public void Misaligned_two_byte_strings_trap(StringEncoding encoding, uint pointer, uint length)
    {
        var trap = AssertTrap(ComponentTrapKind.Misaligned, cx => CanonicalAbi.LiftString(cx, pointer, length), encoding);
        Assert.Equal("string pointer 0x65 is not aligned to 2 bytes", trap.Message);
    }

    [Theory]
    [InlineData(StringEncoding.Utf8, 1u << 28)]
    [InlineData(StringEncoding.Utf16, 1u << 27)]
    [InlineData(StringEncoding.Latin1Utf16, 1u << 28)]
    [InlineData(StringEncoding.Latin1Utf16, 0x7FFF_FFFFu | CanonicalAbi.Utf16Tag)]
    public void Overlong_strings_trap_before_the_bounds_check(StringEncoding encoding, uint length)
    {
        var trap = AssertTrap(ComponentTrapKind.LengthTooLarge, cx => CanonicalAbi.LiftString(cx, 0, length), encoding);
        Assert.Contains("exceeds the canonical ABI maximum", trap.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { (byte)'a', 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0x80, (byte)'a' })]
    public void Invalid_utf8_traps(byte[] bytes)
    {
        var trap = AssertTrap(
            ComponentTrapKind.InvalidUtf8,
            cx => CanonicalAbi.LiftString(cx, 200, (uint)bytes.Length),
            setup: memory => memory.Write(200, bytes));
        Assert.StartsWith("string at 0xc8 is not valid UTF-8", trap.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(4_094)]
    [InlineData(4_095)]
    [InlineData(20_000)]
    public void Invalid_utf8_after_an_ascii_prefix_traps_at_its_offset(int prefix)
    {
        // Both sides of the 4 KiB ASCII guess in the lift: the widening stops at the bad byte and the strict decoder traps.
        var bytes = Enumerable.Repeat((byte)'a', prefix).Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        var trap = AssertTrap(
            ComponentTrapKind.InvalidUtf8,
            cx => CanonicalAbi.LiftString(cx, 200, (uint)bytes.Length),
            setup: memory => memory.Write(200, bytes));
        Assert.EndsWith(FormattableString.Invariant($"invalid byte sequence at byte offset {prefix}"), trap.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new ushort[] { 'a', 0xD800 })]
    [InlineData(new ushort[] { 0xDC00, 'a' })]
    [InlineData(new ushort[] { 0xD83D, 'x', 0xDE00 })]
    [InlineData(new ushort[] { 0xDE00, 0xD83D })]
    public void Unpaired_surrogates_in_utf16_trap(ushort[] units)
    {
        var bytes = units.SelectMany(BitConverter.GetBytes).ToArray();
        foreach (var (encoding, length) in new[] { (StringEncoding.Utf16, (uint)units.Length), (StringEncoding.Latin1Utf16, (uint)units.Length | CanonicalAbi.Utf16Tag) })
        {
            var trap = AssertTrap(
                ComponentTrapKind.InvalidUtf16,
                cx => CanonicalAbi.LiftString(cx, 200, length),
                encoding,
                setup: memory => memory.Write(200, bytes));
            Assert.Contains("unpaired surrogate", trap.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0xD800u)]
    [InlineData(0xDBFFu)]
    [InlineData(0xDC00u)]
    [InlineData(0xDFFFu)]
    [InlineData(0x110000u)]
    [InlineData(0xFFFF_FFFFu)]
    public void Invalid_chars_trap_everywhere_they_are_lifted(uint codePoint)
    {
        var bytes = BitConverter.GetBytes(codePoint);
        void Setup(TestMemory memory)
        {
            memory.Write(200, bytes);
            memory.Write(204, bytes);
        }

        var trap = AssertTrap(ComponentTrapKind.InvalidChar, cx => CanonicalAbi.Load(cx, AbiType.Char, 200), setup: Setup);
        Assert.Contains($"0x{codePoint:x} is not a valid char", trap.Message, StringComparison.Ordinal);
        AssertTrap(ComponentTrapKind.InvalidChar, cx => LiftFlat(cx, AbiType.Char, RawValue.FromU32(codePoint)));
        AssertTrap(ComponentTrapKind.InvalidChar, cx => AbiMemory.ReadChar(cx.GetMemory(), 200), setup: Setup);
        AssertTrap(ComponentTrapKind.InvalidChar, cx => CanonicalAbi.LiftList<Rune>(cx, 200, 2), setup: Setup);
        AssertTrap(ComponentTrapKind.InvalidChar, cx => LiftFlat(cx, AbiType.List(AbiType.Char), RawValue.FromU32(200), RawValue.FromU32(2)), setup: Setup);
    }

    public static TheoryData<string, int, uint, string> Discriminants() => new()
    {
        { "variant", 1, 3, "invalid variant case index 3" },
        { "enum", 1, 3, "invalid enum case index 3" },
        { "wide-enum", 2, 300, "invalid enum case index 300" },
        { "option", 1, 2, "invalid option discriminant 2" },
        { "result", 1, 2, "invalid result discriminant 2" },
        { "option", 1, 255, "invalid option discriminant 255" },
    };

    [Theory]
    [MemberData(nameof(Discriminants))]
    public void Invalid_discriminants_trap_in_memory_and_flat(string kind, int size, uint discriminant, string message)
    {
        var type = SumType(kind);
        Assert.Equal(size, type.DiscriminantSize);
        var bytes = BitConverter.GetBytes(discriminant)[..size];

        var trap = AssertTrap(ComponentTrapKind.InvalidDiscriminant, cx => CanonicalAbi.Load(cx, type, 200), setup: m => m.Write(200, bytes));
        Assert.StartsWith(message, trap.Message, StringComparison.Ordinal);

        var slots = new RawValue[type.FlatCount];
        slots[0] = RawValue.FromU32(discriminant);
        trap = AssertTrap(ComponentTrapKind.InvalidDiscriminant, cx => LiftFlat(cx, type, slots));
        Assert.StartsWith(message, trap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flat_discriminants_are_checked_as_unsigned()
    {
        var slots = new[] { RawValue.FromI32(-1), default };
        AssertTrap(ComponentTrapKind.InvalidDiscriminant, cx => LiftFlat(cx, AbiType.Option(AbiType.U32), slots));
    }

    [Fact]
    public void Lists_out_of_bounds_misaligned_or_too_long_trap()
    {
        var u32s = AbiType.List(AbiType.U32);
        var trap = AssertTrap(ComponentTrapKind.OutOfBounds, cx => LiftFlat(cx, u32s, RawValue.FromU32(Size - 8), RawValue.FromU32(3)));
        Assert.Equal("list pointer 0xfff8 + length 12 bytes is outside guest memory of 65536 bytes", trap.Message);
        trap = AssertTrap(ComponentTrapKind.Misaligned, cx => LiftFlat(cx, u32s, RawValue.FromU32(2), RawValue.FromU32(1)));
        Assert.Equal("list pointer 0x2 is not aligned to 4 bytes", trap.Message);
        AssertTrap(ComponentTrapKind.LengthTooLarge, cx => LiftFlat(cx, AbiType.List(AbiType.U8), RawValue.FromU32(0), RawValue.FromU32(1 << 28)));
        AssertTrap(ComponentTrapKind.LengthTooLarge, cx => LiftFlat(cx, AbiType.List(AbiType.U64), RawValue.FromU32(0), RawValue.FromU32(uint.MaxValue)));
        AssertTrap(ComponentTrapKind.LengthTooLarge, cx => LiftFlat(cx, AbiType.List(AbiType.Flags(0)), RawValue.FromU32(0), RawValue.FromU32(uint.MaxValue)));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => LiftFlat(cx, AbiType.List(AbiType.U8), RawValue.FromU32(0xFFFF_FF00), RawValue.FromU32(0x200)));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.LiftList<ushort>(cx, 0xFFFF_FFFE, 2));
        AssertTrap(ComponentTrapKind.Misaligned, cx => CanonicalAbi.LiftList<double>(cx, 4, 1));
        AssertTrap(ComponentTrapKind.LengthTooLarge, cx => CanonicalAbi.LiftList<long>(cx, 0, 1 << 25));
    }

    [Fact]
    public void Nested_pointers_are_checked_too()
    {
        // A list<string> whose second string points outside memory.
        void Setup(TestMemory memory)
        {
            memory.Write(200, [.. BitConverter.GetBytes(300u), .. BitConverter.GetBytes(1u), .. BitConverter.GetBytes((uint)Size), .. BitConverter.GetBytes(1u)]);
            memory.Write(300, "x"u8);
        }

        var type = AbiType.List(AbiType.String);
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => LiftFlat(cx, type, RawValue.FromU32(200), RawValue.FromU32(2)), setup: Setup);
    }

    [Fact]
    public void Load_and_store_check_alignment_and_bounds()
    {
        AssertTrap(ComponentTrapKind.Misaligned, cx => CanonicalAbi.Load(cx, AbiType.U32, 2));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.Load(cx, AbiType.U64, Size));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.Load(cx, AbiType.Record(new AbiField("a", AbiType.U8), new AbiField("b", AbiType.U64)), Size - 8));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.Store(cx, AbiType.U64, WitValue.U64(ulong.MaxValue), Size));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.Store(cx, AbiType.String, WitValue.String("x"), 0xFFFF_FFFC));
        AssertTrap(ComponentTrapKind.Misaligned, cx => CanonicalAbi.Store(cx, AbiType.F64, WitValue.F64(1), 4));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => AbiMemory.ReadU32(cx.GetMemory(), Size - 2));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => AbiMemory.WriteU64(cx.GetMemory(), uint.MaxValue, 1));
        AssertTrap(ComponentTrapKind.Misaligned, cx => AbiMemory.CheckRegion(cx.GetMemory(), 6, 8, 4, "return area"));
    }

    [Fact]
    public void Realloc_returning_an_out_of_bounds_block_traps()
    {
        var trap = AssertReallocTrap(ComponentTrapKind.ReallocOutOfBounds, _ => Size - 2, cx => CanonicalAbi.LowerString(cx, "hello world"));
        Assert.Equal("realloc returned pointer 0xfffe for 11 bytes, which is outside guest memory of 65536 bytes", trap.Message);
        AssertReallocTrap(ComponentTrapKind.ReallocOutOfBounds, _ => uint.MaxValue, cx => CanonicalAbi.LowerString(cx, "hello"));
        AssertReallocTrap(ComponentTrapKind.ReallocOutOfBounds, _ => Size, cx => CanonicalAbi.LowerList<int>(cx, [1, 2]));
        AssertReallocTrap(
            ComponentTrapKind.ReallocOutOfBounds,
            _ => Size,
            cx => LowerFlat(cx, AbiType.List(AbiType.U64), WitValue.List(WitValue.U64(1))));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    public void Realloc_returning_an_out_of_bounds_block_traps_for_host_text_of_every_length(int length)
    {
        // Host text to a UTF-8 guest is checked as ASCII and narrowed in place, or else encoded on the stack (short) or
        // measured and encoded in place (longer): on each path the block realloc returns is checked before a byte is copied.
        foreach (var unit in new[] { 'a', 'é', '€' })
        {
            var text = new string(unit, length);
            AssertReallocTrap(ComponentTrapKind.ReallocOutOfBounds, _ => uint.MaxValue - 1, cx => CanonicalAbi.LowerString(cx, text));
            AssertReallocTrap(ComponentTrapKind.ReallocOutOfBounds, _ => Size - 1, cx => CanonicalAbi.LowerString(cx, text));
        }
    }

    [Fact]
    public void Realloc_returning_a_misaligned_block_traps()
    {
        var trap = AssertReallocTrap(ComponentTrapKind.ReallocMisaligned, call => call.Result + 1, cx => CanonicalAbi.LowerString(cx, "hi"), StringEncoding.Utf16);
        Assert.EndsWith("which is not aligned to 2 bytes", trap.Message, StringComparison.Ordinal);
        AssertReallocTrap(ComponentTrapKind.ReallocMisaligned, call => call.Result + 2, cx => CanonicalAbi.LowerList<uint>(cx, [1u]));
        AssertReallocTrap(ComponentTrapKind.ReallocMisaligned, call => call.Result + 1, cx => CanonicalAbi.LowerString(cx, "hi"), StringEncoding.Latin1Utf16);
        AssertReallocTrap(
            ComponentTrapKind.ReallocMisaligned,
            call => call.Result + 4,
            cx => LowerFlat(cx, AbiType.List(AbiType.F64), WitValue.List(WitValue.F64(1))));
    }

    [Theory]
    [InlineData(StringEncoding.Utf8, "héllo")]
    [InlineData(StringEncoding.Latin1Utf16, "h€llo")]
    public void A_bad_block_from_a_later_realloc_in_the_sequence_traps(StringEncoding encoding, string text)
    {
        // The spec's transcoding sequence (a value carrying a UTF-16 source hint) grows the block after the first
        // non-ASCII / non-Latin-1 character: that second realloc's block is checked too.
        var calls = 0;
        AssertReallocTrap(
            ComponentTrapKind.ReallocOutOfBounds,
            call => ++calls == 2 ? Size - 2 : call.Result,
            cx => LowerFlat(cx, AbiType.String, WitValue.String(text)),
            encoding);
    }

    [Fact]
    public void Realloc_for_spilled_parameters_is_checked()
    {
        var function = new AbiFunctionType(Enumerable.Repeat<AbiType>(AbiType.U64, 17), []);
        var arguments = Enumerable.Repeat(WitValue.U64(1), 17).ToArray();
        AssertReallocTrap(ComponentTrapKind.ReallocMisaligned, call => call.Result + 4, cx => CanonicalAbi.LowerExportArguments(cx, function, arguments, new RawValue[1]));
        AssertReallocTrap(ComponentTrapKind.ReallocOutOfBounds, _ => Size - 64, cx => CanonicalAbi.LowerExportArguments(cx, function, arguments, new RawValue[1]));
    }

    [Fact]
    public void Return_and_spill_pointers_from_the_guest_are_checked()
    {
        var returnsString = new AbiFunctionType([AbiType.U32], [AbiType.String]);
        var results = new[] { WitValue.String("x") };
        var trap = AssertTrap(
            ComponentTrapKind.Misaligned,
            cx => CanonicalAbi.LowerImportResults(cx, returnsString, results, [RawValue.FromU32(1), RawValue.FromU32(6)], []));
        Assert.Equal("return area pointer 0x6 is not aligned to 4 bytes", trap.Message);
        AssertTrap(
            ComponentTrapKind.OutOfBounds,
            cx => CanonicalAbi.LowerImportResults(cx, returnsString, results, [RawValue.FromU32(1), RawValue.FromU32(Size - 4)], []));
        AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.LiftExportResults(cx, returnsString, [RawValue.FromU32(Size)]));
        AssertTrap(ComponentTrapKind.Misaligned, cx => CanonicalAbi.LiftExportResults(cx, returnsString, [RawValue.FromU32(2)]));

        var spilled = new AbiFunctionType(Enumerable.Repeat<AbiType>(AbiType.F64, 17), []);
        trap = AssertTrap(ComponentTrapKind.OutOfBounds, cx => CanonicalAbi.LiftImportArguments(cx, spilled, [RawValue.FromU32(Size - 8)]));
        Assert.Equal("spilled parameters pointer 0xfff8 + length 136 bytes is outside guest memory of 65536 bytes", trap.Message);
        AssertTrap(ComponentTrapKind.Misaligned, cx => CanonicalAbi.LiftImportArguments(cx, spilled, [RawValue.FromU32(4)]));
    }

    private static RawValue[] LowerFlat(AbiContext cx, AbiType type, WitValue value)
    {
        var slots = new RawValue[type.FlatCount];
        var index = 0;
        CanonicalAbi.LowerFlat(cx, type, value, slots, ref index);
        return slots;
    }

    private static WitValue LiftFlat(AbiContext cx, AbiType type, params RawValue[] slots)
    {
        var index = 0;
        return CanonicalAbi.LiftFlat(cx, type, slots, ref index);
    }

    private static AbiSumType SumType(string kind) => kind switch
    {
        "variant" => AbiType.Variant(new AbiCase("a"), new AbiCase("b", AbiType.U32), new AbiCase("c", AbiType.String)),
        "enum" => AbiType.Enum(3),
        "wide-enum" => AbiType.Enum(300),
        "option" => AbiType.Option(AbiType.U32),
        _ => AbiType.Result(AbiType.U32, AbiType.String),
    };

    /// <summary>Runs <paramref name="action"/> against a fresh memory and checks it traps without touching anything.</summary>
    private static ComponentTrapException AssertTrap(
        ComponentTrapKind kind,
        Action<AbiContext> action,
        StringEncoding encoding = StringEncoding.Utf8,
        Action<TestMemory>? setup = null)
    {
        var memory = new TestMemory(Size);
        setup?.Invoke(memory);
        var before = memory.Snapshot();
        var trap = Assert.Throws<ComponentTrapException>(() => action(memory.Context(encoding, new TestResources())));
        Assert.Equal(kind, trap.Kind);
        Assert.True(memory.GuardsIntact());
        if (memory.Calls.Count == 0)
        {
            Assert.Equal(before, memory.Snapshot());
        }

        return trap;
    }

    private static ComponentTrapException AssertTrap(ComponentTrapKind kind, Func<AbiContext, object?> action, StringEncoding encoding = StringEncoding.Utf8, Action<TestMemory>? setup = null) =>
        AssertTrap(kind, cx => { _ = action(cx); }, encoding, setup);

    private static ComponentTrapException AssertReallocTrap(
        ComponentTrapKind kind, Func<ReallocCall, uint> result, Action<AbiContext> action, StringEncoding encoding = StringEncoding.Utf8)
    {
        var memory = new TestMemory(Size) { Override = result };
        var tail = memory.Read(Size - 128, 128);
        var trap = Assert.Throws<ComponentTrapException>(() => action(memory.Context(encoding)));
        Assert.Equal(kind, trap.Kind);
        Assert.True(memory.GuardsIntact());

        // The bogus blocks all point into the last bytes of memory or beyond: nothing may have been written there.
        Assert.Equal(tail, memory.Read(Size - 128, 128));
        return trap;
    }

    private static ComponentTrapException AssertReallocTrap(ComponentTrapKind kind, Func<ReallocCall, uint> result, Func<AbiContext, object?> action, StringEncoding encoding = StringEncoding.Utf8) =>
        AssertReallocTrap(kind, result, cx => { _ = action(cx); }, encoding);
}
