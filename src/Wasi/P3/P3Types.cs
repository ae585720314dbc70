using WitBindgen.Runtime.Abi;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// The canonical ABI types of the WASI 0.3 interfaces the host defines (<c>wit-0.3/deps</c>), written out so that
/// each function is a typed definition: a component that imports one with another type is refused at instantiation.
/// Types that name no resource are shared; those with handles are made per host (<see cref="P3Resources"/>).
/// </summary>
internal static class P3Types
{
    /// <summary>Case names of <c>wasi:filesystem/types.error-code</c> (the last, <c>other</c>, has an optional message).</summary>
    public static readonly string[] FilesystemErrorCases =
    [
        "access", "already", "bad-descriptor", "busy", "deadlock", "quota", "exist", "file-too-large",
        "illegal-byte-sequence", "in-progress", "interrupted", "invalid", "io", "is-directory", "loop", "too-many-links",
        "message-size", "name-too-long", "no-device", "no-entry", "no-lock", "insufficient-memory", "insufficient-space",
        "not-directory", "not-empty", "not-recoverable", "unsupported", "no-tty", "no-such-device", "overflow",
        "not-permitted", "pipe", "read-only", "invalid-seek", "text-file-busy", "cross-device", "other",
    ];

    /// <summary>Case names of <c>wasi:sockets/types.error-code</c>.</summary>
    public static readonly string[] SocketErrorCases =
    [
        "access-denied", "not-supported", "invalid-argument", "out-of-memory", "timeout", "invalid-state",
        "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused", "connection-broken",
        "connection-reset", "connection-aborted", "datagram-too-large", "other",
    ];

    /// <summary>Case names of <c>wasi:sockets/ip-name-lookup.error-code</c>.</summary>
    public static readonly string[] NameLookupErrorCases =
    [
        "access-denied", "invalid-argument", "name-unresolvable", "temporary-resolver-failure", "permanent-resolver-failure", "other",
    ];

    public static readonly AbiType OptionString = AbiType.Option(AbiType.String);

    /// <summary><c>wasi:clocks/system-clock.instant</c>.</summary>
    public static readonly AbiType Instant = AbiType.Record(new AbiField("seconds", AbiType.S64), new AbiField("nanoseconds", AbiType.U32));

    /// <summary><c>wasi:cli/types.error-code</c>: <c>io</c>, <c>illegal-byte-sequence</c>, <c>pipe</c>.</summary>
    public static readonly AbiType CliErrorCode = AbiType.Enum(3);

    public static readonly AbiType FilesystemErrorCode = Variant(FilesystemErrorCases, OptionString);

    public static readonly AbiType SocketErrorCode = Variant(SocketErrorCases, OptionString);

    public static readonly AbiType NameLookupErrorCode = Variant(NameLookupErrorCases, OptionString);

    /// <summary><c>descriptor-type</c>: seven kinds and <c>other(option&lt;string&gt;)</c>.</summary>
    public static readonly AbiType DescriptorType = Variant(
        ["block-device", "character-device", "directory", "fifo", "symbolic-link", "regular-file", "socket", "other"], OptionString);

    public static readonly AbiType DescriptorFlags = AbiType.Flags(6);

    public static readonly AbiType PathFlags = AbiType.Flags(1);

    public static readonly AbiType OpenFlags = AbiType.Flags(4);

    public static readonly AbiType Advice = AbiType.Enum(6);

    public static readonly AbiType NewTimestamp = AbiType.Variant(new AbiCase("no-change"), new AbiCase("now"), new AbiCase("timestamp", Instant));

    public static readonly AbiType DescriptorStat = AbiType.Record(
        new AbiField("type", DescriptorType),
        new AbiField("link-count", AbiType.U64),
        new AbiField("size", AbiType.U64),
        new AbiField("data-access-timestamp", AbiType.Option(Instant)),
        new AbiField("data-modification-timestamp", AbiType.Option(Instant)),
        new AbiField("status-change-timestamp", AbiType.Option(Instant)));

    public static readonly AbiType DirectoryEntry = AbiType.Record(new AbiField("type", DescriptorType), new AbiField("name", AbiType.String));

    public static readonly AbiType MetadataHashValue = AbiType.Record(new AbiField("lower", AbiType.U64), new AbiField("upper", AbiType.U64));

    public static readonly AbiType IpAddressFamily = AbiType.Enum(2);

    public static readonly AbiType Ipv4Address = AbiType.Tuple(AbiType.U8, AbiType.U8, AbiType.U8, AbiType.U8);

    public static readonly AbiType Ipv6Address = AbiType.Tuple(AbiType.U16, AbiType.U16, AbiType.U16, AbiType.U16, AbiType.U16, AbiType.U16, AbiType.U16, AbiType.U16);

    public static readonly AbiType IpAddress = AbiType.Variant(new AbiCase("ipv4", Ipv4Address), new AbiCase("ipv6", Ipv6Address));

    /// <summary>A function type.</summary>
    public static AbiFunctionType Func(AbiType[] parameters, AbiType? result = null) =>
        new(parameters, result is null ? [] : [result]);

    /// <summary>A variant whose cases have no payload except the last, which has <paramref name="lastPayload"/>.</summary>
    private static AbiType Variant(string[] names, AbiType lastPayload) =>
        AbiType.Variant(names.Select((n, i) => new AbiCase(n, i == names.Length - 1 ? lastPayload : null)).ToArray());
}
