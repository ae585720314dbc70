namespace WitBindgen.Runtime.Tests;

/// <summary>
/// The byte edits the fuzz tests make to component binaries: bit flips, random or extreme bytes, single-byte
/// insertions and removals, and removals of a short run.
/// </summary>
internal static class ByteMutations
{
    /// <summary>The number of edit kinds <see cref="Edit"/> and <see cref="NewByte"/> understand.</summary>
    public const int Kinds = 6;

    /// <summary>
    /// One to three edits anywhere after the 8-byte preamble (one time in ten inside it), each of a random kind;
    /// a removed run is at most <paramref name="maxRun"/> bytes. Stops once 8 bytes or fewer are left.
    /// </summary>
    public static byte[] Mutate(byte[] original, Random random, int maxRun)
    {
        var bytes = original.ToList();
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            // Leave the preamble alone most of the time, so that mutations reach the sections.
            var position = random.Next(random.Next(10) == 0 ? 0 : 8, bytes.Count);
            var kind = random.Next(Kinds);
            switch (kind)
            {
                case 3:
                    bytes.RemoveAt(position);
                    break;
                case 4:
                    bytes.Insert(position, NewByte(kind, 0, random));
                    break;
                case 5:
                    bytes.RemoveRange(position, Math.Min(bytes.Count - position, 1 + random.Next(maxRun)));
                    break;
                default:
                    bytes[position] = NewByte(kind, bytes[position], random);
                    break;
            }

            if (bytes.Count <= 8)
            {
                break;
            }
        }

        return [.. bytes];
    }

    /// <summary>
    /// The byte an edit of <paramref name="kind"/> writes where <paramref name="old"/> was: a flipped bit (0), a
    /// random byte (1 and the insertion 4), <c>0xff</c> or <c>0x80</c> (2).
    /// </summary>
    public static byte NewByte(int kind, byte old, Random random) => kind switch
    {
        0 => (byte)(old ^ (1 << random.Next(8))),
        2 => random.Next(2) == 0 ? (byte)0xff : (byte)0x80,
        _ => (byte)random.Next(256),
    };
}
