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

    private readonly WasiContext _context;
    private readonly System.Random? _custom;
    private (ulong, ulong)? _seed;

    public RandomImplementation(WasiContext context)
    {
        _context = context;
        _custom = context.Settings.Random;
    }

    public byte[] GetRandomBytes(ulong len) => HostCall.Trap(_context, "get-random-bytes", () => Secure(len, "get-random-bytes"));

    public ulong GetRandomU64() => HostCall.Trap(_context, "get-random-u64", () => BitConverter.ToUInt64(Secure(8, "get-random-u64")));

    public byte[] GetInsecureRandomBytes(ulong len) =>
        HostCall.Trap(_context, "get-insecure-random-bytes", () => Insecure(len, "get-insecure-random-bytes"));

    public ulong GetInsecureRandomU64() =>
        HostCall.Trap(_context, "get-insecure-random-u64", () => BitConverter.ToUInt64(Insecure(8, "get-insecure-random-u64")));

    /// <summary>The same seed on every call of an instance, drawn when the guest first asks for it.</summary>
    public (ulong, ulong) InsecureSeed() => HostCall.Trap(_context, "insecure-seed", () =>
    {
        if (_seed is not { } seed)
        {
            var bytes = Secure(16, "insecure-seed");
            _seed = seed = (BitConverter.ToUInt64(bytes, 0), BitConverter.ToUInt64(bytes, 8));
        }

        return seed;
    });

    private byte[] Secure(ulong len, string function)
    {
        var bytes = Allocate(len, function);
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

    private byte[] Insecure(ulong len, string function)
    {
        var bytes = Allocate(len, function);
        (_custom ?? System.Random.Shared).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Allocate(ulong len, string function) =>
        len <= MaxLength
            ? new byte[len]
            : throw new ComponentTrapException($"wasi:random {function} asked for {len} bytes; this host returns at most {MaxLength} per call");
}
