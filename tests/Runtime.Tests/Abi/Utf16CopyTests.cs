using System.Runtime.InteropServices;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>
/// <see cref="Utf16Copy"/>: the one-pass copy that notes surrogates, at every length around the vector width (whole
/// blocks, the overlapping last block, the scalar path), and the UTF-16 lift built on it.
/// </summary>
public class Utf16CopyTests
{
    private static readonly int[] Lengths = [0, 1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 129];

    [Fact]
    public void Copies_text_without_surrogates_exactly_and_reports_none()
    {
        // The code units right next to the surrogate range must not count as surrogates.
        var alphabet = "a\u00e9\ud7ff\ue000\uffff\u0000\u4e2d";
        foreach (var length in Lengths)
        {
            var source = string.Concat(Enumerable.Range(0, length).Select(i => alphabet[i % alphabet.Length]));
            var destination = new char[length + 3];
            Assert.False(Utf16Copy.CopyFindingSurrogates(source, destination));
            Assert.Equal(source, new string(destination, 0, length));
            Assert.All(destination.Skip(length), c => Assert.Equal('\0', c));
        }
    }

    [Fact]
    public void Reports_a_surrogate_at_any_position()
    {
        foreach (var length in Lengths.Where(l => l > 0))
        {
            foreach (var surrogate in new[] { '\ud800', '\udbff', '\udc00', '\udfff' })
            {
                for (var position = 0; position < length; position++)
                {
                    var source = new string('x', length).ToCharArray();
                    source[position] = surrogate;
                    var destination = new char[length];
                    Assert.True(Utf16Copy.CopyFindingSurrogates(source, destination), $"length {length}, position {position}");
                    Assert.Equal(source, destination);
                }
            }
        }
    }

    [Fact]
    public void Refuses_a_destination_shorter_than_the_source() =>
        Assert.Throws<ArgumentException>(() => Utf16Copy.CopyFindingSurrogates("abc", new char[2]));

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(40)]
    [InlineData(1000)]
    public void A_utf16_guest_string_lifts_when_valid_and_traps_on_an_unpaired_surrogate_anywhere(int length)
    {
        var memory = new TestMemory();
        var cx = memory.Context(StringEncoding.Utf16);
        const uint pointer = 2048;

        var valid = new string('y', length - 1) + "\u00e9";
        Write(memory, pointer, valid);
        Assert.Equal(valid, CanonicalAbi.LiftString(cx, pointer, (uint)length));

        if (length >= 2)
        {
            var pair = new string('y', length - 2) + "\ud83c\udf89";
            Write(memory, pointer, pair);
            Assert.Equal(pair, CanonicalAbi.LiftString(cx, pointer, (uint)length));
        }

        foreach (var position in new[] { 0, length / 2, length - 1 })
        {
            var units = new string('y', length).ToCharArray();
            units[position] = '\udc01';
            Write(memory, pointer, new string(units));
            var trap = Assert.Throws<ComponentTrapException>(() => CanonicalAbi.LiftString(cx, pointer, (uint)length));
            Assert.Equal(ComponentTrapKind.InvalidUtf16, trap.Kind);
            Assert.Contains($"at code unit {position}", trap.Message);
        }
    }

    private static void Write(TestMemory memory, uint pointer, string text) =>
        MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(memory.GetSpan()[(int)pointer..]);
}
