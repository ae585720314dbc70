using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Wasi.RandomSources;
using static WitBindgen.Wasi.P3.P3Types;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// <c>wasi:random@0.3.0</c> over the 0.2 host's <see cref="RandomImplementation"/> (the same sources and the same
/// seed for an instance). One call returns at most <see cref="MaxBytesPerCall"/> bytes: 0.3's <c>max-len</c> is an
/// upper bound, and the host passes lists as dynamic values, one object per byte.
/// </summary>
internal static class P3Random
{
    /// <summary>The most bytes one call returns (64 KiB).</summary>
    public const ulong MaxBytesPerCall = 1 << 16;

    public static void Define(HostImports imports, WasiContext context, RandomImplementation random)
    {
        imports.DefineInstance("wasi:random/random@0.3.0")
            .DefineFunction("get-random-bytes", Func([AbiType.U64], AbiType.List(AbiType.U8)), P3Call.Sync(context, "get-random-bytes", arguments =>
                Bytes(random.GetRandomBytes(Bounded(arguments[0])))))
            .DefineFunction("get-random-u64", Func([], AbiType.U64), P3Call.Sync(context, "get-random-u64", _ => WitValue.U64(random.GetRandomU64())));
        imports.DefineInstance("wasi:random/insecure@0.3.0")
            .DefineFunction("get-insecure-random-bytes", Func([AbiType.U64], AbiType.List(AbiType.U8)), P3Call.Sync(context, "get-insecure-random-bytes", arguments =>
                Bytes(random.GetInsecureRandomBytes(Bounded(arguments[0])))))
            .DefineFunction("get-insecure-random-u64", Func([], AbiType.U64), P3Call.Sync(context, "get-insecure-random-u64", _ => WitValue.U64(random.GetInsecureRandomU64())));
        imports.DefineInstance("wasi:random/insecure-seed@0.3.0")
            .DefineFunction("get-insecure-seed", Func([], AbiType.Tuple(AbiType.U64, AbiType.U64)), P3Call.Sync(context, "get-insecure-seed", _ =>
            {
                var (low, high) = random.InsecureSeed();
                return WitValue.Tuple(WitValue.U64(low), WitValue.U64(high));
            }));
    }

    private static ulong Bounded(WitValue maxLength) => Math.Min(maxLength.AsU64(), MaxBytesPerCall);

    public static WitValue Bytes(byte[] bytes) => WitValue.List(bytes.Select(WitValue.U8).ToArray());
}
