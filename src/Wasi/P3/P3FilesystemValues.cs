using Wasi.Clocks.WallClock;
using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// Conversions between the 0.2 filesystem values the shared descriptors speak and the WASI 0.3 values the guest
/// sees. The two versions differ in three places: 0.3's <c>error-code</c> has no <c>would-block</c> and ends with
/// <c>other(option&lt;string&gt;)</c>, its <c>descriptor-type</c> has <c>other(option&lt;string&gt;)</c> instead of
/// 0.2's leading <c>unknown</c>, and its timestamps count signed seconds.
/// </summary>
internal static class P3FilesystemValues
{
    private const int OtherError = 36;
    private const int OtherType = 7;

    /// <summary>A 0.2 error code as 0.3's <c>error-code</c>.</summary>
    public static WitValue Error(ErrorCode code) => code switch
    {
        ErrorCode.Access => WitValue.Variant(0),
        ErrorCode.WouldBlock => WitValue.Variant(OtherError, WitValue.Some(WitValue.String("would-block"))),
        _ => WitValue.Variant((int)code - 1),
    };

    /// <summary>A 0.2 result as 0.3's <c>result&lt;T, error-code&gt;</c>.</summary>
    public static WitValue ToResult<T>(Result<T, ErrorCode> result, Func<T, WitValue?> ok) =>
        result.IsOk ? WitValue.Ok(ok(result.Ok)) : WitValue.Err(Error(result.Err));

    /// <summary>A 0.2 result without a value as 0.3's <c>result&lt;_, error-code&gt;</c>.</summary>
    public static WitValue ToResult(Result<Unit, ErrorCode> result) => ToResult(result, _ => null);

    public static WitValue Err(ErrorCode code) => WitValue.Err(Error(code));

    public static WitValue Type(DescriptorType type) =>
        type == DescriptorType.Unknown ? WitValue.Variant(OtherType, WitValue.None) : WitValue.Variant((int)type - 1);

    public static WitValue Instant(Datetime time) =>
        WitValue.Record(WitValue.S64((long)Math.Min(time.Seconds, long.MaxValue)), WitValue.U32(time.Nanoseconds));

    public static WitValue Stat(DescriptorStat stat) => WitValue.Record(
        Type(stat.Type),
        WitValue.U64(stat.LinkCount),
        WitValue.U64(stat.Size),
        OptionalInstant(stat.DataAccessTimestamp),
        OptionalInstant(stat.DataModificationTimestamp),
        OptionalInstant(stat.StatusChangeTimestamp));

    public static WitValue Flags(DescriptorFlags flags)
    {
        Span<bool> set = stackalloc bool[6];
        for (var i = 0; i < set.Length; i++)
        {
            set[i] = ((int)flags & (1 << i)) != 0;
        }

        return WitValue.Flags(set);
    }

    public static WitValue Hash(MetadataHashValue hash) => WitValue.Record(WitValue.U64(hash.Lower), WitValue.U64(hash.Upper));

    public static WitValue Entry(DirectoryEntry entry) => WitValue.Record(Type(entry.Type), WitValue.String(entry.Name));

    public static PathFlags PathFlags(WitValue value) => (PathFlags)(value.FlagWords[0] & 0x1);

    public static OpenFlags OpenFlags(WitValue value) => (OpenFlags)(value.FlagWords[0] & 0xf);

    public static DescriptorFlags DescriptorFlags(WitValue value) => (DescriptorFlags)(value.FlagWords[0] & 0x3f);

    public static Advice Advice(WitValue value) => (Advice)value.CaseIndex;

    /// <summary>0.3's <c>new-timestamp</c> as 0.2's, or null for a time before the Unix epoch (which 0.2 cannot set).</summary>
    public static NewTimestamp? NewTimestamp(WitValue value)
    {
        switch (value.CaseIndex)
        {
            case 0:
                return new NewTimestamp.NoChange();
            case 1:
                return new NewTimestamp.Now();
            default:
                var instant = value.Payload!.Items;
                var seconds = instant[0].AsS64();
                return seconds < 0 ? null : new NewTimestamp.Timestamp(new Datetime((ulong)seconds, instant[1].AsU32()));
        }
    }

    private static WitValue OptionalInstant(Datetime? time) => time is { } t ? WitValue.Some(Instant(t)) : WitValue.None;
}
