using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// A dynamically typed component value for the generic (slow) path and tests. Immutable, with structural
/// equality. Scalars are stored inline; strings keep the encoding and code unit count they were lifted with
/// (the spec's <c>String</c> tuple), which steers <c>store_string</c>'s allocation strategy.
/// </summary>
public sealed partial class WitValue
{
    private static readonly WitValue TrueValue = new(WitValueKind.Bool, 1, null);
    private static readonly WitValue FalseValue = new(WitValueKind.Bool, 0, null);
    private static readonly WitValue NoneValue = new(WitValueKind.Option, 0, null);

    private readonly ulong _bits;
    private readonly object? _reference;

    private WitValue(WitValueKind kind, ulong bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The kind of value.</summary>
    public WitValueKind Kind { get; }

    /// <summary><c>option::none</c>.</summary>
    public static WitValue None => NoneValue;

    /// <summary>Creates a <c>bool</c>.</summary>
    public static WitValue Bool(bool value) => value ? TrueValue : FalseValue;

    /// <summary>Creates an <c>s8</c>.</summary>
    public static WitValue S8(sbyte value) => new(WitValueKind.S8, (ulong)(long)value, null);

    /// <summary>Creates a <c>u8</c>.</summary>
    public static WitValue U8(byte value) => new(WitValueKind.U8, value, null);

    /// <summary>Creates an <c>s16</c>.</summary>
    public static WitValue S16(short value) => new(WitValueKind.S16, (ulong)(long)value, null);

    /// <summary>Creates a <c>u16</c>.</summary>
    public static WitValue U16(ushort value) => new(WitValueKind.U16, value, null);

    /// <summary>Creates an <c>s32</c>.</summary>
    public static WitValue S32(int value) => new(WitValueKind.S32, (ulong)(long)value, null);

    /// <summary>Creates a <c>u32</c>.</summary>
    public static WitValue U32(uint value) => new(WitValueKind.U32, value, null);

    /// <summary>Creates an <c>s64</c>.</summary>
    public static WitValue S64(long value) => new(WitValueKind.S64, (ulong)value, null);

    /// <summary>Creates a <c>u64</c>.</summary>
    public static WitValue U64(ulong value) => new(WitValueKind.U64, value, null);

    /// <summary>Creates an <c>f32</c>.</summary>
    public static WitValue F32(float value) => new(WitValueKind.F32, (uint)BitConverter.SingleToInt32Bits(value), null);

    /// <summary>Creates an <c>f64</c>.</summary>
    public static WitValue F64(double value) => new(WitValueKind.F64, (ulong)BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>Creates a <c>char</c>.</summary>
    public static WitValue Char(Rune value) => new(WitValueKind.Char, (uint)value.Value, null);

    /// <summary>Creates a <c>string</c> from a host string (a UTF-16 source of <c>value.Length</c> code units).</summary>
    /// <exception cref="ArgumentException">The string contains an unpaired surrogate.</exception>
    public static WitValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringValidation.ThrowIfInvalidHostString(value, nameof(value));
        return StringUnchecked(value, StringEncoding.Utf16, (uint)value.Length);
    }

    /// <summary>
    /// Creates a <c>string</c> with an explicit source-encoding hint, as <c>load_string</c> produces it: the
    /// encoding it came from and its length in (tagged, for <see cref="StringEncoding.Latin1Utf16"/>) code units of
    /// that encoding.
    /// </summary>
    /// <exception cref="ArgumentException">The hint does not describe <paramref name="value"/>, or the string contains an unpaired surrogate.</exception>
    public static WitValue String(string value, StringEncoding sourceEncoding, uint taggedCodeUnits)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringValidation.ThrowIfInvalidHostString(value, nameof(value));
        StringValidation.ThrowIfHintMismatch(value, sourceEncoding, taggedCodeUnits);
        return StringUnchecked(value, sourceEncoding, taggedCodeUnits);
    }

    /// <summary>Creates a <c>list</c> (copies the array).</summary>
    public static WitValue List(params WitValue[] items) => List(ImmutableArray.Create(items));

    /// <summary>Creates a <c>list</c>.</summary>
    public static WitValue List(ImmutableArray<WitValue> items) => Compound(WitValueKind.List, items);

    /// <summary>
    /// Creates a <c>map</c>: the list of its (key, value) entries as 2-tuples, in order, duplicate keys kept (the
    /// canonical ABI's despecialisation of <c>map&lt;K, V&gt;</c> to <c>list&lt;tuple&lt;K, V&gt;&gt;</c>).
    /// </summary>
    public static WitValue Map(params (WitValue Key, WitValue Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var items = new WitValue[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            items[i] = Tuple(entries[i].Key, entries[i].Value);
        }

        return CompoundUnchecked(WitValueKind.List, items);
    }

    /// <summary>Creates a <c>record</c> from its field values in declaration order (copies the array).</summary>
    public static WitValue Record(params WitValue[] fields) => Record(ImmutableArray.Create(fields));

    /// <summary>Creates a <c>record</c> from its field values in declaration order.</summary>
    public static WitValue Record(ImmutableArray<WitValue> fields) => Compound(WitValueKind.Record, fields);

    /// <summary>Creates a <c>tuple</c> (copies the array).</summary>
    public static WitValue Tuple(params WitValue[] elements) => Tuple(ImmutableArray.Create(elements));

    /// <summary>Creates a <c>tuple</c>.</summary>
    public static WitValue Tuple(ImmutableArray<WitValue> elements) => Compound(WitValueKind.Tuple, elements);

    /// <summary>Creates a <c>variant</c> case, with a payload when the case has one.</summary>
    public static WitValue Variant(int caseIndex, WitValue? payload = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(caseIndex);
        return new(WitValueKind.Variant, (uint)caseIndex, payload);
    }

    /// <summary>Creates an <c>enum</c> case.</summary>
    public static WitValue Enum(int caseIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(caseIndex);
        return new(WitValueKind.Enum, (uint)caseIndex, null);
    }

    /// <summary>Creates <c>option::some(payload)</c>.</summary>
    public static WitValue Some(WitValue payload) =>
        new(WitValueKind.Option, 1, payload ?? throw new ArgumentNullException(nameof(payload)));

    /// <summary>Creates <c>result::ok</c>, with a payload when the type has one.</summary>
    public static WitValue Ok(WitValue? payload = null) => new(WitValueKind.Result, 0, payload);

    /// <summary>Creates <c>result::error</c>, with a payload when the type has one.</summary>
    public static WitValue Err(WitValue? payload = null) => new(WitValueKind.Result, 1, payload);

    /// <summary>Creates a set of <paramref name="count"/> flags with the given flag indices set.</summary>
    public static WitValue Flags(int count, params int[] setFlags)
    {
        ArgumentNullException.ThrowIfNull(setFlags);
        var words = NewFlagWords(count);
        foreach (var index in setFlags)
        {
            if ((uint)index >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(setFlags), index, $"Flag index must be below {count}.");
            }

            words[index >> 5] |= 1u << (index & 31);
        }

        return new(WitValueKind.Flags, (uint)count, words);
    }

    /// <summary>Creates a set of flags, one per element, set where the element is true.</summary>
    public static WitValue Flags(ReadOnlySpan<bool> flags)
    {
        var words = NewFlagWords(flags.Length);
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i])
            {
                words[i >> 5] |= 1u << (i & 31);
            }
        }

        return new(WitValueKind.Flags, (uint)flags.Length, words);
    }

    /// <summary>Creates a resource value passed as an <c>own</c> or <c>borrow</c> handle.</summary>
    public static WitValue Handle(object resource) =>
        new(WitValueKind.Handle, 0, resource ?? throw new ArgumentNullException(nameof(resource)));

    /// <summary>The <c>bool</c> value.</summary>
    public bool AsBool() => Scalar(WitValueKind.Bool) != 0;

    /// <summary>The <c>s8</c> value.</summary>
    public sbyte AsS8() => (sbyte)Scalar(WitValueKind.S8);

    /// <summary>The <c>u8</c> value.</summary>
    public byte AsU8() => (byte)Scalar(WitValueKind.U8);

    /// <summary>The <c>s16</c> value.</summary>
    public short AsS16() => (short)Scalar(WitValueKind.S16);

    /// <summary>The <c>u16</c> value.</summary>
    public ushort AsU16() => (ushort)Scalar(WitValueKind.U16);

    /// <summary>The <c>s32</c> value.</summary>
    public int AsS32() => (int)Scalar(WitValueKind.S32);

    /// <summary>The <c>u32</c> value.</summary>
    public uint AsU32() => (uint)Scalar(WitValueKind.U32);

    /// <summary>The <c>s64</c> value.</summary>
    public long AsS64() => (long)Scalar(WitValueKind.S64);

    /// <summary>The <c>u64</c> value.</summary>
    public ulong AsU64() => Scalar(WitValueKind.U64);

    /// <summary>The <c>f32</c> value.</summary>
    public float AsF32() => BitConverter.Int32BitsToSingle((int)(uint)Scalar(WitValueKind.F32));

    /// <summary>The <c>f64</c> value.</summary>
    public double AsF64() => BitConverter.Int64BitsToDouble((long)Scalar(WitValueKind.F64));

    /// <summary>The <c>char</c> value.</summary>
    public Rune AsChar() => new((uint)Scalar(WitValueKind.Char));

    /// <summary>The <c>string</c> value.</summary>
    public string AsString()
    {
        Expect(WitValueKind.String);
        return (string)_reference!;
    }

    /// <summary>The encoding a <c>string</c> came from (<see cref="StringEncoding.Utf16"/> for host strings).</summary>
    public StringEncoding StringSourceEncoding
    {
        get
        {
            Expect(WitValueKind.String);
            return (StringEncoding)(_bits >> 32);
        }
    }

    /// <summary>A <c>string</c>'s length in (tagged) code units of <see cref="StringSourceEncoding"/>.</summary>
    public uint StringTaggedCodeUnits
    {
        get
        {
            Expect(WitValueKind.String);
            return (uint)_bits;
        }
    }

    /// <summary>The elements of a <c>list</c>, or the fields of a <c>record</c> or <c>tuple</c>.</summary>
    public ImmutableArray<WitValue> Items
    {
        get
        {
            if (Kind is not (WitValueKind.List or WitValueKind.Record or WitValueKind.Tuple))
            {
                throw WrongKind("list, record or tuple");
            }

            return ImmutableCollectionsMarshal.AsImmutableArray((WitValue[])_reference!);
        }
    }

    /// <summary>
    /// The case index of a <c>variant</c> or <c>enum</c>; for <c>option</c> 0 is <c>none</c> and 1 <c>some</c>;
    /// for <c>result</c> 0 is <c>ok</c> and 1 <c>error</c> (the spec's despecialisation).
    /// </summary>
    public int CaseIndex
    {
        get
        {
            if (Kind is not (WitValueKind.Variant or WitValueKind.Enum or WitValueKind.Option or WitValueKind.Result))
            {
                throw WrongKind("variant, enum, option or result");
            }

            return (int)_bits;
        }
    }

    /// <summary>The payload of a <c>variant</c>, <c>option</c> or <c>result</c> case, or null when it has none.</summary>
    public WitValue? Payload
    {
        get
        {
            if (Kind is not (WitValueKind.Variant or WitValueKind.Option or WitValueKind.Result))
            {
                throw WrongKind("variant, option or result");
            }

            return (WitValue?)_reference;
        }
    }

    /// <summary>Whether an <c>option</c> is <c>some</c>.</summary>
    public bool IsSome => Scalar(WitValueKind.Option) != 0;

    /// <summary>Whether a <c>result</c> is <c>ok</c>.</summary>
    public bool IsOk => Scalar(WitValueKind.Result) == 0;

    /// <summary>The number of flags in a <c>flags</c> value.</summary>
    public int FlagCount => (int)Scalar(WitValueKind.Flags);

    /// <summary>The flags packed 32 to a word, flag <c>i</c> at bit <c>i % 32</c> of word <c>i / 32</c>.</summary>
    public ReadOnlySpan<uint> FlagWords
    {
        get
        {
            Expect(WitValueKind.Flags);
            return (uint[])_reference!;
        }
    }

    /// <summary>The resource value of a handle.</summary>
    public object AsHandle()
    {
        Expect(WitValueKind.Handle);
        return _reference!;
    }

    /// <summary>Whether flag <paramref name="index"/> of a <c>flags</c> value is set.</summary>
    public bool IsFlagSet(int index)
    {
        var count = FlagCount;
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The value has {count} flags.");
        }

        return (((uint[])_reference!)[index >> 5] & (1u << (index & 31))) != 0;
    }

    internal static WitValue StringUnchecked(string value, StringEncoding sourceEncoding, uint taggedCodeUnits) =>
        new(WitValueKind.String, ((ulong)sourceEncoding << 32) | taggedCodeUnits, value);

    /// <summary>Wraps an array the caller gives up, without copying.</summary>
    internal static WitValue CompoundUnchecked(WitValueKind kind, WitValue[] items) => new(kind, 0, items);

    /// <summary>Wraps flag words the caller gives up, without copying; bits at and above <paramref name="count"/> must be clear.</summary>
    internal static WitValue FlagsUnchecked(int count, uint[] words) => new(WitValueKind.Flags, (uint)count, words);

    internal static WitValue VariantLike(WitValueKind kind, int caseIndex, WitValue? payload) =>
        kind == WitValueKind.Enum ? new(kind, (uint)caseIndex, null) : new(kind, (uint)caseIndex, payload);

    /// <summary>The array behind <see cref="Items"/>, for the ABI algorithms.</summary>
    internal WitValue[] ItemArray => (WitValue[])_reference!;

    internal uint[] FlagArray => (uint[])_reference!;

    internal object? Reference => _reference;

    internal ulong Bits => _bits;

    private static uint[] NewFlagWords(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new uint[(count + 31) / 32];
    }

    private static WitValue Compound(WitValueKind kind, ImmutableArray<WitValue> items)
    {
        if (items.IsDefault)
        {
            throw new ArgumentNullException(nameof(items));
        }

        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        return new(kind, 0, ImmutableCollectionsMarshal.AsArray(items)!);
    }

    private ulong Scalar(WitValueKind kind)
    {
        Expect(kind);
        return _bits;
    }

    private void Expect(WitValueKind kind)
    {
        if (Kind != kind)
        {
            throw WrongKind(kind.ToString());
        }
    }

    private InvalidOperationException WrongKind(string expected) => new($"A {Kind} value is not a {expected} value.");
}
