namespace WitBindgen.Cli.Wave;

/// <summary>
/// A component value type as WAVE needs it: the structure plus the names of fields, cases and flags (which the
/// runtime's ABI types leave out). <see cref="WaveParser"/> reads text against one; <see cref="WavePrinter"/> writes
/// a value of one.
/// </summary>
internal abstract record WaveType
{
    private protected WaveType()
    {
    }

    /// <summary>The type as WIT writes it (for messages).</summary>
    public abstract string Describe();
}

/// <summary>The primitive types.</summary>
internal enum WavePrimitiveKind
{
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
}

/// <summary>A primitive type.</summary>
internal sealed record WavePrimitive(WavePrimitiveKind Kind) : WaveType
{
    public override string Describe() => Kind.ToString().ToLowerInvariant();
}

/// <summary><c>list&lt;T&gt;</c>, or <c>list&lt;T, N&gt;</c> with a fixed length.</summary>
internal sealed record WaveList(WaveType Element, int? Length = null) : WaveType
{
    public override string Describe() => Length is { } n ? $"list<{Element.Describe()}, {n}>" : $"list<{Element.Describe()}>";
}

/// <summary>A record: named fields in order.</summary>
internal sealed record WaveRecord(IReadOnlyList<WaveField> Fields) : WaveType
{
    public override string Describe() => $"record {{ {string.Join(", ", Fields.Select(f => $"{f.Name}: {f.Type.Describe()}"))} }}";
}

/// <summary>A field of a <see cref="WaveRecord"/>.</summary>
internal sealed record WaveField(string Name, WaveType Type);

/// <summary>A tuple.</summary>
internal sealed record WaveTuple(IReadOnlyList<WaveType> Elements) : WaveType
{
    public override string Describe() => $"tuple<{string.Join(", ", Elements.Select(e => e.Describe()))}>";
}

/// <summary>A variant: named cases, each with an optional payload.</summary>
internal sealed record WaveVariant(IReadOnlyList<WaveCase> Cases) : WaveType
{
    public override string Describe() =>
        $"variant {{ {string.Join(", ", Cases.Select(c => c.Payload is { } p ? $"{c.Name}({p.Describe()})" : c.Name))} }}";
}

/// <summary>A case of a <see cref="WaveVariant"/>.</summary>
internal sealed record WaveCase(string Name, WaveType? Payload);

/// <summary>An enum.</summary>
internal sealed record WaveEnum(IReadOnlyList<string> Cases) : WaveType
{
    public override string Describe() => $"enum {{ {string.Join(", ", Cases)} }}";
}

/// <summary><c>option&lt;T&gt;</c>.</summary>
internal sealed record WaveOption(WaveType Payload) : WaveType
{
    public override string Describe() => $"option<{Payload.Describe()}>";
}

/// <summary><c>result&lt;T, E&gt;</c> (either side may be absent).</summary>
internal sealed record WaveResult(WaveType? Ok, WaveType? Error) : WaveType
{
    public override string Describe() => (Ok, Error) switch
    {
        (null, null) => "result",
        ({ } ok, null) => $"result<{ok.Describe()}>",
        (null, { } e) => $"result<_, {e.Describe()}>",
        ({ } ok, { } e) => $"result<{ok.Describe()}, {e.Describe()}>",
    };
}

/// <summary>Flags.</summary>
internal sealed record WaveFlags(IReadOnlyList<string> Names) : WaveType
{
    public override string Describe() => $"flags {{ {string.Join(", ", Names)} }}";
}

/// <summary>A resource handle (<c>own</c> or <c>borrow</c>): WAVE has no text for one.</summary>
internal sealed record WaveHandle(string Resource, bool Own) : WaveType
{
    public override string Describe() => Own ? Resource : $"borrow<{Resource}>";
}

/// <summary>A type WAVE cannot write (maps, streams, futures, error contexts).</summary>
internal sealed record WaveUnsupported(string Description) : WaveType
{
    public override string Describe() => Description;
}
