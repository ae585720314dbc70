using System.Runtime.InteropServices;
using System.Text;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

public class FastPathTests
{
    [Fact]
    public void LowerStringUtf8_encodes_ascii_with_one_allocation()
    {
        var memory = new TestMemory();
        var slice = CanonicalAbi.LowerStringUtf8(memory.Context(), "plain ascii");
        Assert.Equal("plain ascii"u8.ToArray(), memory.Read(slice.Pointer, (int)slice.Length));
        var call = Assert.Single(memory.Calls);
        Assert.Equal((1u, 11u), (call.Alignment, call.NewSize));
    }

    [Fact]
    public void Host_text_is_allocated_once_at_its_exact_encoded_size()
    {
        // A host string is measured first: one realloc, no grow-then-shrink (guests such as the WASI preview1
        // adapter cannot resize the block they hand out for an import's result).
        const string text = "ascii prefix, then ünïcödé 😀";
        var memory = new TestMemory { MoveOnRealloc = true };
        var slice = CanonicalAbi.LowerStringUtf8(memory.Context(), text);
        Assert.Equal(Encoding.UTF8.GetBytes(text), memory.Read(slice.Pointer, (int)slice.Length));
        Assert.Equal((1u, (uint)Encoding.UTF8.GetByteCount(text)), (Assert.Single(memory.Calls).Alignment, memory.Calls[0].NewSize));

        memory = new TestMemory();
        slice = CanonicalAbi.LowerString(memory.Context(StringEncoding.Utf16), text);
        Assert.Equal((2u, 2u * (uint)text.Length), (Assert.Single(memory.Calls).Alignment, memory.Calls[0].NewSize));
        Assert.Equal((uint)text.Length, slice.Length);

        memory = new TestMemory();
        slice = CanonicalAbi.LowerString(memory.Context(StringEncoding.Latin1Utf16), "Latin-1 only: é");
        Assert.Equal((2u, 15u), (Assert.Single(memory.Calls).Alignment, memory.Calls[0].NewSize));
        Assert.Equal(15u, slice.Length);

        memory = new TestMemory();
        slice = CanonicalAbi.LowerString(memory.Context(StringEncoding.Latin1Utf16), text);
        Assert.Equal((2u, 2u * (uint)text.Length), (Assert.Single(memory.Calls).Alignment, memory.Calls[0].NewSize));
        Assert.Equal((uint)text.Length | CanonicalAbi.Utf16Tag, slice.Length);
        Assert.True(memory.GuardsIntact());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(4000)]
    public void Host_text_around_the_short_text_limit_is_one_exact_allocation_with_the_right_bytes(int length)
    {
        // ASCII text is checked, then narrowed in place; other short text is encoded on the stack first, other longer
        // text measured, then encoded in place: each must give one realloc of the exact size, and 3-byte characters,
        // surrogate pairs and DEL (the last ASCII character) must survive at the edges; a non-ASCII character after
        // an ASCII run leaves the ASCII path.
        foreach (var unit in new[] { "a", "\u007f", "€", "😀", new string('a', 300) + "é" })
        {
            var text = string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];
            if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1] + "z";
            }

            var memory = new TestMemory();
            var slice = CanonicalAbi.LowerStringUtf8(memory.Context(), text);
            Assert.Equal(Encoding.UTF8.GetBytes(text), memory.Read(slice.Pointer, (int)slice.Length));
            Assert.Equal((uint)Encoding.UTF8.GetByteCount(text), Assert.Single(memory.Calls).NewSize);
            Assert.True(memory.GuardsIntact());
            Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerStringUtf8(new TestMemory().Context(), text + "\uD800"));
        }
    }

    [Fact]
    public void LowerStringUtf8_requires_a_utf8_guest()
    {
        var cx = new TestMemory().Context(StringEncoding.Utf16);
        Assert.Throws<InvalidOperationException>(() => CanonicalAbi.LowerStringUtf8(cx, "x"));
    }

    [Theory]
    [InlineData(StringEncoding.Utf8)]
    [InlineData(StringEncoding.Utf16)]
    [InlineData(StringEncoding.Latin1Utf16)]
    public void Host_text_with_an_unpaired_surrogate_is_rejected_before_allocating(StringEncoding encoding)
    {
        var memory = new TestMemory();
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerString(memory.Context(encoding), "ab\uD800c"));
        Assert.Empty(memory.Calls);
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerStringUtf8(memory.Context(), "é\uDC00"));
    }

    [Theory]
    [InlineData(StringEncoding.Utf8)]
    [InlineData(StringEncoding.Utf16)]
    [InlineData(StringEncoding.Latin1Utf16)]
    public void StoreString_and_LoadString_round_trip(StringEncoding encoding)
    {
        var memory = new TestMemory();
        var cx = memory.Context(encoding);
        CanonicalAbi.StoreString(cx, "pair 日本", 100);
        Assert.Equal("pair 日本", CanonicalAbi.LoadString(cx, 100));
        Assert.Equal(WitValue.String("pair 日本"), CanonicalAbi.Load(cx, AbiType.String, 100));
    }

    [Fact]
    public void Scalar_lists_round_trip_as_exact_bytes()
    {
        RoundTrip(new sbyte[] { -128, 0, 127 });
        RoundTrip(new byte[] { 0, 1, 255 });
        RoundTrip(new short[] { short.MinValue, -1, short.MaxValue });
        RoundTrip(new ushort[] { 0, 0xBEEF });
        RoundTrip(new[] { int.MinValue, 0, int.MaxValue });
        RoundTrip(new[] { 0u, uint.MaxValue });
        RoundTrip(new[] { long.MinValue, 42L });
        RoundTrip(new[] { ulong.MaxValue, 1UL });
        RoundTrip(new[] { 1.5f, float.NegativeInfinity, -0.0f });
        RoundTrip(new[] { Math.PI, double.Epsilon });
        RoundTrip(new[] { true, false, true });
        RoundTrip(new[] { new Rune('a'), new Rune(0x1F600), new Rune(0x10FFFF) });
        RoundTrip(Array.Empty<int>());
        RoundTrip(Enumerable.Range(0, 100_000).Select(i => (uint)i * 2654435761u).ToArray());
    }

    [Fact]
    public void Fast_lists_agree_with_the_generic_path()
    {
        var memory = new TestMemory();
        var cx = memory.Context();
        var slice = CanonicalAbi.LowerList<short>(cx, [1, -2, 3]);
        var index = 0;
        var generic = CanonicalAbi.LiftFlat(cx, AbiType.List(AbiType.S16), [RawValue.FromU32(slice.Pointer), RawValue.FromU32(slice.Length)], ref index);
        Assert.Equal(WitValue.List(WitValue.S16(1), WitValue.S16(-2), WitValue.S16(3)), generic);

        var slots = new RawValue[2];
        index = 0;
        CanonicalAbi.LowerFlat(cx, AbiType.List(AbiType.F64), WitValue.List(WitValue.F64(0.5), WitValue.F64(-4)), slots, ref index);
        Assert.Equal(new[] { 0.5, -4 }, CanonicalAbi.LiftList<double>(cx, slots[0].U32, slots[1].U32));
    }

    [Fact]
    public void Lifted_bool_lists_treat_any_non_zero_byte_as_true()
    {
        var memory = new TestMemory();
        memory.Write(100, [0, 7, 0x80, 1]);
        Assert.Equal(new[] { false, true, true, true }, CanonicalAbi.LiftList<bool>(memory.Context(), 100, 4));
        Assert.Equal(new byte[] { 1, 0 }, memory.Read(CanonicalAbi.LowerList<bool>(memory.Context(), [true, false]).Pointer, 2));
    }

    [Fact]
    public void Lifted_float_lists_canonicalise_nans()
    {
        var memory = new TestMemory();
        memory.Write(100, [.. BitConverter.GetBytes(0xFFC0_0001u), .. BitConverter.GetBytes(1.0f)]);
        var floats = CanonicalAbi.LiftList<float>(memory.Context(), 100, 2);
        Assert.Equal(CanonicalAbi.CanonicalF32NanBits, BitConverter.SingleToInt32Bits(floats[0]));
        Assert.Equal(1.0f, floats[1]);

        memory.Write(200, BitConverter.GetBytes(0x7FF0_0000_0000_0001UL));
        var doubles = CanonicalAbi.LiftList<double>(memory.Context(), 200, 1);
        Assert.Equal(CanonicalAbi.CanonicalF64NanBits, BitConverter.DoubleToInt64Bits(doubles[0]));
    }

    [Fact]
    public void Unsupported_element_types_are_rejected()
    {
        var cx = new TestMemory().Context();
        Assert.Throws<NotSupportedException>(() => CanonicalAbi.LowerList<char>(cx, ['a']));
        Assert.Throws<NotSupportedException>(() => CanonicalAbi.LiftList<decimal>(cx, 0, 1));
    }

    [Fact]
    public void Primitive_accessors_read_and_write_little_endian_at_offsets()
    {
        var memory = new TestMemory();
        var span = memory.GetSpan();
        AbiMemory.WriteU16(span, 10, 0x0102);
        AbiMemory.WriteS32(span, 12, -2);
        AbiMemory.WriteU64(span, 16, 0x0102030405060708);
        AbiMemory.WriteF32(span, 24, 2.5f);
        AbiMemory.WriteF64(span, 32, -0.5);
        AbiMemory.WriteBool(span, 40, true);
        AbiMemory.WriteS8(span, 41, -1);
        AbiMemory.WriteChar(span, 44, new Rune('€'));
        Assert.Equal(new byte[] { 2, 1 }, memory.Read(10, 2));
        Assert.Equal(0x0102, AbiMemory.ReadU16(span, 10));
        Assert.Equal(-2, AbiMemory.ReadS32(span, 12));
        Assert.Equal(0xFFFF_FFFEu, AbiMemory.ReadU32(span, 12));
        Assert.Equal(0x0102030405060708L, AbiMemory.ReadS64(span, 16));
        Assert.Equal(2.5f, AbiMemory.ReadF32(span, 24));
        Assert.Equal(-0.5, AbiMemory.ReadF64(span, 32));
        Assert.True(AbiMemory.ReadBool(span, 40));
        Assert.Equal(-1, AbiMemory.ReadS8(span, 41));
        Assert.Equal(255, AbiMemory.ReadU8(span, 41));
        Assert.Equal(new Rune('€'), AbiMemory.ReadChar(span, 44));
        AbiMemory.WriteS16(span, 50, -300);
        AbiMemory.WriteU8(span, 52, 0xAB);
        Assert.Equal(-300, AbiMemory.ReadS16(span, 50));
        Assert.Equal(0xAB, AbiMemory.ReadU8(span, 52));
    }

    [Fact]
    public void Fast_paths_do_not_allocate_managed_memory()
    {
        var memory = new PlainMemory();
        var cx = new AbiContext { Memory = memory, Realloc = memory.Realloc };
        var runes = new Rune[3];
        var ints = new int[256];
        const string ascii = "an ascii string that is long enough to matter";
        const string mixed = "ünïcödé 😀 and €";

        void Exercise()
        {
            var a = CanonicalAbi.LowerStringUtf8(cx, ascii);
            var b = CanonicalAbi.LowerStringUtf8(cx, mixed);
            var c = CanonicalAbi.LowerList<int>(cx, ints);
            CanonicalAbi.LiftList(cx, c.Pointer, ints.AsSpan());
            var d = CanonicalAbi.LowerList<Rune>(cx, [new Rune('a'), new Rune(0x1F600), new Rune('z')]);
            CanonicalAbi.LiftList(cx, d.Pointer, runes.AsSpan());
            var span = cx.GetMemory();
            AbiMemory.WriteU32(span, a.Pointer, AbiMemory.ReadU32(span, b.Pointer));
        }

        Exercise();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            memory.Reset();
            Exercise();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void RoundTrip<T>(T[] values)
        where T : unmanaged
    {
        var memory = new TestMemory();
        var cx = memory.Context();
        var slice = CanonicalAbi.LowerList<T>(cx, values);
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Assert.Equal((uint)values.Length, slice.Length);
        Assert.Equal(0u, slice.Pointer % (uint)size);
        Assert.Equal(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), memory.Read(slice.Pointer, values.Length * size));
        Assert.Equal(values, CanonicalAbi.LiftList<T>(cx, slice.Pointer, slice.Length));
        var into = new T[values.Length];
        CanonicalAbi.LiftList(cx, slice.Pointer, into.AsSpan());
        Assert.Equal(values, into);
    }

    /// <summary>A memory and bump allocator that allocate nothing managed per call.</summary>
    private sealed class PlainMemory : IGuestMemory
    {
        private readonly byte[] _bytes = new byte[1 << 20];
        private uint _next = 16;

        public Span<byte> GetSpan() => _bytes;

        public void Reset() => _next = 16;

        public uint Realloc(uint originalPointer, uint originalSize, uint alignment, uint newSize)
        {
            var pointer = (_next + alignment - 1) & ~(alignment - 1);
            _next = pointer + newSize;
            _bytes.AsSpan((int)originalPointer, (int)Math.Min(originalSize, newSize)).CopyTo(_bytes.AsSpan((int)pointer));
            return pointer;
        }
    }
}
