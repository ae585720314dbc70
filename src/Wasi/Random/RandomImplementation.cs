using System.Security.Cryptography;
using Wasi.Random.Insecure;
using Wasi.Random.InsecureSeed;
using Wasi.Random.Random;
using WitBindgen.Runtime;

namespace WitBindgen.Wasi.RandomSources;

/// <summary>
/// <c>wasi:random/random</c>, <c>insecure</c> and <c>insecure-seed</c>: a cryptographic generator and
/// <see cref="System.Random.Shared"/> by default, or one generator the embedder supplied for all three.
/// </summary>
internal sealed class RandomImplementation : IRandom, IInsecure, IInsecureSeed
{
    /// <summary>The most bytes one call returns; a larger request is a guest error.</summary>
    public const ulong MaxLength = 1 << 26;

    private readonly System.Random? _custom;
    private readonly (ulong, ulong) _seed;

    public RandomImplementation(System.Random? custom)
    {
        _custom = custom;
        var seed = new byte[16];
        if (custom is null)
        {
            RandomNumberGenerator.Fill(seed);
        }
        else
        {
            custom.NextBytes(seed);
        }

        _seed = (BitConverter.ToUInt64(seed, 0), BitConverter.ToUInt64(seed, 8));
    }

    public byte[] GetRandomBytes(ulong len)
    {
        var bytes = Allocate(len, "get-random-bytes");
        if (_custom is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            _custom.NextBytes(bytes);
        }

        return bytes;
    }

    public ulong GetRandomU64() => BitConverter.ToUInt64(GetRandomBytes(8));

    public byte[] GetInsecureRandomBytes(ulong len)
    {
        var bytes = Allocate(len, "get-insecure-random-bytes");
        (_custom ?? System.Random.Shared).NextBytes(bytes);
        return bytes;
    }

    public ulong GetInsecureRandomU64() => BitConverter.ToUInt64(GetInsecureRandomBytes(8));

    public (ulong, ulong) InsecureSeed() => _seed;

    private static byte[] Allocate(ulong len, string function) =>
        len <= MaxLength
            ? new byte[len]
            : throw new ComponentTrapException($"wasi:random {function} asked for {len} bytes; this host returns at most {MaxLength} per call");
}
