using System.Text;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Tests.Binary;

/// <summary>Builds components for the reader tests, from text or byte by byte.</summary>
internal static class TestComponents
{
    public static readonly byte[] Preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    /// <summary>Converts component text to binary and reads it.</summary>
    public static ComponentDefinition Read(string wat) => ComponentReader.Read(WatText.ToBinary(wat));

    /// <summary>A component binary made of the preamble and the given sections.</summary>
    public static byte[] Build(params (byte Id, byte[] Content)[] sections)
    {
        var bytes = new List<byte>(Preamble);
        foreach (var (id, content) in sections)
        {
            bytes.Add(id);
            bytes.AddRange(U32(content.Length));
            bytes.AddRange(content);
        }

        return [.. bytes];
    }

    /// <summary>A section whose content is a vector of the given already-encoded elements.</summary>
    public static (byte, byte[]) Section(byte id, params byte[][] elements) =>
        (id, [.. U32(elements.Length), .. elements.SelectMany(e => e)]);

    public static byte[] U32(long value)
    {
        var bytes = new List<byte>();
        var v = (ulong)value;
        do
        {
            var b = (byte)(v & 0x7f);
            v >>= 7;
            if (v != 0)
            {
                b |= 0x80;
            }

            bytes.Add(b);
        }
        while (v != 0);
        return [.. bytes];
    }

    public static byte[] Name(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return [.. U32(utf8.Length), .. utf8];
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Asserts that reading fails with a <see cref="ComponentFormatException"/> and returns it.</summary>
    public static ComponentFormatException ReadFails(byte[] bytes) =>
        Xunit.Assert.Throws<ComponentFormatException>(() => ComponentReader.Read(bytes));
}
