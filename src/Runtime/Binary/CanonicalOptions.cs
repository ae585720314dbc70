namespace WitBindgen.Runtime.Binary;

/// <summary>The canonical ABI options of a lift, a lower or a built-in.</summary>
internal sealed record CanonicalOptions
{
    /// <summary>Options with nothing set (UTF-8 strings, no memory, no realloc, synchronous).</summary>
    public static CanonicalOptions None { get; } = new();

    /// <summary>The string encoding; <see cref="StringEncoding.Utf8"/> when not given.</summary>
    public StringEncoding StringEncoding { get; init; }

    /// <summary>The <c>(memory m)</c> option: index in the core memory index space.</summary>
    public uint? MemoryIndex { get; init; }

    /// <summary>The <c>(realloc f)</c> option: index in the core function index space.</summary>
    public uint? ReallocIndex { get; init; }

    /// <summary>The <c>(post-return f)</c> option: index in the core function index space.</summary>
    public uint? PostReturnIndex { get; init; }

    /// <summary>The <c>async</c> option.</summary>
    public bool IsAsync { get; init; }

    /// <summary>The <c>(callback f)</c> option: index in the core function index space.</summary>
    public uint? CallbackIndex { get; init; }

    /// <summary>
    /// The <c>gc</c> option (binary <c>0x09</c>): values cross as GC references instead of through linear memory (the
    /// GC ABI of the component model's issue 525).
    /// </summary>
    public bool Gc { get; init; }

    /// <summary>The <c>(core-type t)</c> option (binary <c>0x08</c>) that goes with <c>gc</c>: index in the core type index space.</summary>
    public uint? CoreTypeIndex { get; init; }
}

/// <summary>The <c>string-encoding</c> canonical option.</summary>
internal enum StringEncoding
{
    /// <summary><c>string-encoding=utf8</c> (the default).</summary>
    Utf8,

    /// <summary><c>string-encoding=utf16</c>.</summary>
    Utf16,

    /// <summary><c>string-encoding=latin1+utf16</c>.</summary>
    Latin1Utf16,
}
