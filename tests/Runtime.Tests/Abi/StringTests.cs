using System.Text;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

public class StringTests
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["empty"] = string.Empty,
        ["ascii"] = "Hello, world!",
        ["latin1"] = "héllo wörld ÿ",
        ["bmp"] = "Grüße 日本語 €",
        ["astral"] = "😀 a 𝄞 b 🎉",
        ["only-astral"] = "😀",
        ["large-ascii"] = new string('x', 100_000),
        ["large-latin1"] = string.Concat(Enumerable.Repeat("abcé", 30_000)),
        ["large-mixed"] = string.Concat(Enumerable.Range(0, 20_000).Select(i => (i % 4) switch { 0 => "a", 1 => "é", 2 => "€", _ => "😀" })),
        ["late-wide"] = new string('a', 5000) + "€",
    };

    public static TheoryData<StringEncoding, StringEncoding, string> Pairs()
    {
        var data = new TheoryData<StringEncoding, StringEncoding, string>();
        foreach (var source in Enum.GetValues<StringEncoding>())
        {
            foreach (var destination in Enum.GetValues<StringEncoding>())
            {
                foreach (var text in Texts.Keys)
                {
                    data.Add(source, destination, text);
                }
            }
        }

        return data;
    }

    public static TheoryData<StringEncoding, string> HostCases()
    {
        var data = new TheoryData<StringEncoding, string>();
        foreach (var encoding in Enum.GetValues<StringEncoding>())
        {
            foreach (var text in Texts.Keys)
            {
                data.Add(encoding, text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostCases))]
    public void Host_strings_are_encoded_exactly_and_lift_back(StringEncoding encoding, string name)
    {
        var text = Texts[name];
        var memory = new TestMemory();
        var cx = memory.Context(encoding);

        var slice = CanonicalAbi.LowerString(cx, text);

        AssertEncoded(memory, encoding, text, slice);
        Assert.Equal(text, CanonicalAbi.LiftString(cx, slice.Pointer, slice.Length));
        AssertReallocInvariants(memory, slice, EncodedByteLength(encoding, text));
        Assert.True(memory.GuardsIntact());
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Strings_transcode_between_every_pair_of_encodings(StringEncoding source, StringEncoding destination, string name)
    {
        var text = Texts[name];
        var sourceMemory = new TestMemory();
        var sourceCx = sourceMemory.Context(source);
        var placed = CanonicalAbi.LowerString(sourceCx, text);
        var index = 0;
        var lifted = CanonicalAbi.LiftFlat(sourceCx, AbiType.String, [RawValue.FromU32(placed.Pointer), RawValue.FromU32(placed.Length)], ref index);
        Assert.Equal(source, lifted.StringSourceEncoding);
        Assert.Equal(placed.Length, lifted.StringTaggedCodeUnits);

        foreach (var moving in new[] { false, true })
        {
            var memory = new TestMemory { MoveOnRealloc = moving };
            var cx = memory.Context(destination);
            var slots = new RawValue[2];
            index = 0;
            CanonicalAbi.LowerFlat(cx, AbiType.String, lifted, slots, ref index);
            var slice = new GuestSlice(slots[0].U32, slots[1].U32);

            AssertEncoded(memory, destination, text, slice);
            Assert.Equal(text, CanonicalAbi.LiftString(cx, slice.Pointer, slice.Length));
            AssertReallocInvariants(memory, slice, EncodedByteLength(destination, text));
            Assert.True(memory.GuardsIntact());
        }
    }

    [Fact]
    public void Utf16_tagged_latin1_text_is_deflated_back_to_latin1()
    {
        // A latin1+utf16 producer that chose UTF-16 for text that fits Latin-1.
        var value = WitValue.String("héllo", StringEncoding.Latin1Utf16, 5 | CanonicalAbi.Utf16Tag);
        var (memory, slice) = StoreInto(StringEncoding.Latin1Utf16, value);

        Assert.Equal(5u, slice.Length);
        Assert.Equal(Encoding.Latin1.GetBytes("héllo"), memory.Read(slice.Pointer, 5));
        AssertCalls(memory, (2, 10), (1, 5));
    }

    [Fact]
    public void Utf16_tagged_wide_text_stays_utf16_with_one_allocation()
    {
        var value = WitValue.String("日本", StringEncoding.Latin1Utf16, 2 | CanonicalAbi.Utf16Tag);
        var (memory, slice) = StoreInto(StringEncoding.Latin1Utf16, value);

        Assert.Equal(2 | CanonicalAbi.Utf16Tag, slice.Length);
        Assert.Equal(Encoding.Unicode.GetBytes("日本"), memory.Read(slice.Pointer, 4));
        AssertCalls(memory, (2, 4));
    }

    [Fact]
    public void Ascii_utf16_to_utf8_needs_a_single_allocation()
    {
        var (memory, slice) = StoreInto(StringEncoding.Utf8, WitValue.String("hello"));
        Assert.Equal(5u, slice.Length);
        AssertCalls(memory, (1, 5));
    }

    [Fact]
    public void Utf16_to_utf8_grows_to_three_bytes_per_unit_then_shrinks()
    {
        var (memory, slice) = StoreInto(StringEncoding.Utf8, WitValue.String("héllo"));
        Assert.Equal(6u, slice.Length);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), memory.Read(slice.Pointer, 6));
        AssertCalls(memory, (1, 5), (1, 15), (1, 6));
    }

    [Fact]
    public void Utf16_to_utf8_does_not_shrink_when_the_worst_case_was_exact()
    {
        // Three bytes per UTF-16 code unit: the worst case is met exactly.
        var (memory, slice) = StoreInto(StringEncoding.Utf8, WitValue.String("€€"));
        Assert.Equal(6u, slice.Length);
        AssertCalls(memory, (1, 2), (1, 6));
    }

    [Fact]
    public void Latin1_to_utf8_grows_to_two_bytes_per_unit_then_shrinks()
    {
        var value = WitValue.String("héllo", StringEncoding.Latin1Utf16, 5);
        var (memory, slice) = StoreInto(StringEncoding.Utf8, value);
        Assert.Equal(6u, slice.Length);
        AssertCalls(memory, (1, 5), (1, 10), (1, 6));
    }

    [Fact]
    public void Utf8_to_utf16_allocates_two_bytes_per_utf8_byte_then_shrinks()
    {
        var value = WitValue.String("héllo", StringEncoding.Utf8, 6);
        var (memory, slice) = StoreInto(StringEncoding.Utf16, value);
        Assert.Equal(5u, slice.Length);
        Assert.Equal(Encoding.Unicode.GetBytes("héllo"), memory.Read(slice.Pointer, 10));
        AssertCalls(memory, (2, 12), (2, 10));
    }

    [Fact]
    public void Ascii_utf8_to_utf16_needs_no_shrink()
    {
        var (memory, _) = StoreInto(StringEncoding.Utf16, WitValue.String("abc", StringEncoding.Utf8, 3));
        AssertCalls(memory, (2, 6));
    }

    [Fact]
    public void Utf8_to_latin1_or_utf16_shrinks_when_latin1_fits()
    {
        var value = WitValue.String("héllo", StringEncoding.Utf8, 6);
        var (memory, slice) = StoreInto(StringEncoding.Latin1Utf16, value);
        Assert.Equal(5u, slice.Length);
        Assert.Equal(Encoding.Latin1.GetBytes("héllo"), memory.Read(slice.Pointer, 5));
        AssertCalls(memory, (2, 6), (2, 5));
    }

    [Fact]
    public void Utf8_to_latin1_or_utf16_inflates_in_place_at_the_first_wide_character()
    {
        var value = WitValue.String("hé€lo", StringEncoding.Utf8, 8);
        var (memory, slice) = StoreInto(StringEncoding.Latin1Utf16, value);
        Assert.Equal(5 | CanonicalAbi.Utf16Tag, slice.Length);
        Assert.Equal(Encoding.Unicode.GetBytes("hé€lo"), memory.Read(slice.Pointer, 10));
        AssertCalls(memory, (2, 8), (2, 16), (2, 10));
    }

    [Fact]
    public void Utf16_to_latin1_or_utf16_inflates_without_shrinking()
    {
        var (memory, slice) = StoreInto(StringEncoding.Latin1Utf16, WitValue.String("ab日本"));
        Assert.Equal(4 | CanonicalAbi.Utf16Tag, slice.Length);
        Assert.Equal(Encoding.Unicode.GetBytes("ab日本"), memory.Read(slice.Pointer, 8));
        AssertCalls(memory, (2, 4), (2, 8));
    }

    [Fact]
    public void Copies_allocate_the_exact_size_once()
    {
        AssertCalls(StoreInto(StringEncoding.Utf8, WitValue.String("héllo", StringEncoding.Utf8, 6)).Memory, (1, 6));
        AssertCalls(StoreInto(StringEncoding.Utf16, WitValue.String("日本")).Memory, (2, 4));
        AssertCalls(StoreInto(StringEncoding.Utf16, WitValue.String("héllo", StringEncoding.Latin1Utf16, 5)).Memory, (2, 10));
        AssertCalls(StoreInto(StringEncoding.Latin1Utf16, WitValue.String("héllo", StringEncoding.Latin1Utf16, 5)).Memory, (2, 5));
    }

    [Fact]
    public void Empty_strings_still_call_realloc_as_the_spec_does()
    {
        AssertCalls(StoreInto(StringEncoding.Utf8, WitValue.String(string.Empty)).Memory, (1, 0));
        AssertCalls(StoreInto(StringEncoding.Utf16, WitValue.String(string.Empty)).Memory, (2, 0));
        AssertCalls(StoreInto(StringEncoding.Latin1Utf16, WitValue.String(string.Empty)).Memory, (2, 0));
        AssertCalls(StoreInto(StringEncoding.Latin1Utf16, WitValue.String(string.Empty, StringEncoding.Latin1Utf16, CanonicalAbi.Utf16Tag)).Memory, (2, 0), (1, 0));
    }

    [Fact]
    public void Inflation_relies_on_realloc_preserving_the_latin1_prefix()
    {
        // The memory moves on every realloc; the Latin-1 bytes written before the growth must come back via
        // realloc's copy, then be inflated in the new block.
        var memory = new TestMemory { MoveOnRealloc = true };
        var cx = memory.Context(StringEncoding.Latin1Utf16);
        var text = new string('é', 1000) + "😀";
        var slots = new RawValue[2];
        var index = 0;
        CanonicalAbi.LowerFlat(cx, AbiType.String, WitValue.String(text), slots, ref index);
        var slice = new GuestSlice(slots[0].U32, slots[1].U32);
        Assert.Equal(Encoding.Unicode.GetBytes(text), memory.Read(slice.Pointer, text.Length * 2));
        AssertCalls(memory, (2, 1002), (2, 2004));
    }

    [Fact]
    public void Lifted_strings_carry_their_encoding_hint()
    {
        var memory = new TestMemory();
        var cx = memory.Context(StringEncoding.Latin1Utf16);
        memory.Write(100, Encoding.Unicode.GetBytes("ab"));
        var index = 0;
        var value = CanonicalAbi.LiftFlat(cx, AbiType.String, [RawValue.FromU32(100), RawValue.FromU32(2 | CanonicalAbi.Utf16Tag)], ref index);
        Assert.Equal("ab", value.AsString());
        Assert.Equal(StringEncoding.Latin1Utf16, value.StringSourceEncoding);
        Assert.Equal(2 | CanonicalAbi.Utf16Tag, value.StringTaggedCodeUnits);

        index = 0;
        memory.Write(200, Encoding.Latin1.GetBytes("\u00ff\u0080"));
        Assert.Equal("\u00ff\u0080", CanonicalAbi.LiftFlat(cx, AbiType.String, [RawValue.FromU32(200), RawValue.FromU32(2)], ref index).AsString());
    }

    [Fact]
    public void Utf8_byte_order_mark_is_kept_as_a_character()
    {
        var memory = new TestMemory();
        memory.Write(100, [0xEF, 0xBB, 0xBF, (byte)'a']);
        Assert.Equal("\uFEFFa", CanonicalAbi.LiftString(memory.Context(), 100, 4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4_095)]
    [InlineData(4_096)]
    [InlineData(4_097)]
    [InlineData(20_000)]
    public void Utf8_text_lifts_exactly_on_both_sides_of_the_ascii_guess(int length)
    {
        // Text up to 4 KiB is widened on the guess that it is ASCII and decoded again when a byte is not; longer text
        // is checked first. ASCII, a non-ASCII character first, last or in the middle must all come back unchanged.
        var ascii = new string('a', length);
        var texts = new[]
        {
            ascii,
            "é" + ascii[1..],
            ascii[..^1] + "é",
            ascii[..(length / 2)] + "😀" + ascii[(length / 2)..],
            ascii[..^1] + "\u007f",
        };
        foreach (var text in texts)
        {
            var memory = new TestMemory(size: 64 * 1024);
            var bytes = Encoding.UTF8.GetBytes(text);
            memory.Write(100, bytes);
            Assert.Equal(text, CanonicalAbi.LiftString(memory.Context(), 100, (uint)bytes.Length));
        }
    }

    internal static int EncodedByteLength(StringEncoding encoding, string text) => encoding switch
    {
        StringEncoding.Utf8 => Encoding.UTF8.GetByteCount(text),
        StringEncoding.Utf16 => text.Length * 2,
        _ => FitsLatin1(text) ? text.Length : text.Length * 2,
    };

    private static bool FitsLatin1(string text) => !text.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF');

    private static void AssertEncoded(TestMemory memory, StringEncoding encoding, string text, GuestSlice slice)
    {
        switch (encoding)
        {
            case StringEncoding.Utf8:
                Assert.Equal((uint)Encoding.UTF8.GetByteCount(text), slice.Length);
                Assert.Equal(Encoding.UTF8.GetBytes(text), memory.Read(slice.Pointer, (int)slice.Length));
                break;
            case StringEncoding.Utf16:
                Assert.Equal(0u, slice.Pointer % 2);
                Assert.Equal((uint)text.Length, slice.Length);
                Assert.Equal(Encoding.Unicode.GetBytes(text), memory.Read(slice.Pointer, text.Length * 2));
                break;
            default:
                if (FitsLatin1(text))
                {
                    Assert.Equal((uint)text.Length, slice.Length);
                    Assert.Equal(Encoding.Latin1.GetBytes(text), memory.Read(slice.Pointer, text.Length));
                }
                else
                {
                    Assert.Equal(0u, slice.Pointer % 2);
                    Assert.Equal((uint)text.Length | CanonicalAbi.Utf16Tag, slice.Length);
                    Assert.Equal(Encoding.Unicode.GetBytes(text), memory.Read(slice.Pointer, text.Length * 2));
                }

                break;
        }
    }

    /// <summary>Each realloc resizes the block the previous one returned, and the last one is the string's exact size.</summary>
    private static void AssertReallocInvariants(TestMemory memory, GuestSlice slice, int byteLength)
    {
        Assert.InRange(memory.Calls.Count, 1, 3);
        Assert.Equal((0u, 0u), (memory.Calls[0].OriginalPointer, memory.Calls[0].OriginalSize));
        for (var i = 1; i < memory.Calls.Count; i++)
        {
            Assert.Equal(memory.Calls[i - 1].Result, memory.Calls[i].OriginalPointer);
            Assert.Equal(memory.Calls[i - 1].NewSize, memory.Calls[i].OriginalSize);
        }

        Assert.Equal(slice.Pointer, memory.Calls[^1].Result);
        Assert.Equal((uint)byteLength, memory.Calls[^1].NewSize);
    }

    private static (TestMemory Memory, GuestSlice Slice) StoreInto(StringEncoding encoding, WitValue value)
    {
        var memory = new TestMemory();
        var cx = memory.Context(encoding);
        var slots = new RawValue[2];
        var index = 0;
        CanonicalAbi.LowerFlat(cx, AbiType.String, value, slots, ref index);
        Assert.Equal(value.AsString(), CanonicalAbi.LiftString(cx, slots[0].U32, slots[1].U32));
        return (memory, new GuestSlice(slots[0].U32, slots[1].U32));
    }

    private static void AssertCalls(TestMemory memory, params (uint Alignment, uint NewSize)[] expected)
    {
        Assert.Equal(expected, memory.Calls.Select(c => (c.Alignment, c.NewSize)).ToArray());
        AssertChained(memory);
    }

    private static void AssertChained(TestMemory memory)
    {
        for (var i = 1; i < memory.Calls.Count; i++)
        {
            Assert.Equal(memory.Calls[i - 1].Result, memory.Calls[i].OriginalPointer);
            Assert.Equal(memory.Calls[i - 1].NewSize, memory.Calls[i].OriginalSize);
        }
    }
}
