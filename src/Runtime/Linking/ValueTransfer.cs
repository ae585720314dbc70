using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Linking;

/// <summary>
/// Moves canonical ABI values from one component instance straight into another: flat core values to flat core
/// values, and values in the first one's linear memory to the second one's (strings copied or transcoded, lists
/// bulk-copied when their elements need no checks, everything else element by element), with CanonicalABI.md's
/// checks of lifting on the way (bounds, alignment, UTF-8/UTF-16 validity, <c>char</c> range, discriminant range,
/// flags bits, handles) and its allocation through the receiving side's <c>realloc</c>. No dynamic values and no
/// .NET strings, arrays or records are made. One instance serves one direction of one linked function.
/// </summary>
internal sealed partial class ValueTransfer
{
    private readonly CanonOptions _from;
    private readonly CanonOptions _to;
    private readonly AbiContext _toContext;

    public ValueTransfer(CanonOptions from, CanonOptions to)
    {
        _from = from;
        _to = to;
        _toContext = to.Context(null);
    }

    /// <summary>Allocates a checked block in the destination with its <c>realloc</c>.</summary>
    public uint Allocate(uint alignment, uint size) => _toContext.Allocate(alignment, size);

    /// <summary>Fetches both sides' memories into <paramref name="m"/>.</summary>
    public void Refresh(ref LinkMemories m) => m.Refresh(_from, _to);

    /// <summary>
    /// Copies one value of <paramref name="type"/> from the flat values <paramref name="src"/> (from
    /// <paramref name="si"/>) to the flat values <paramref name="dst"/> (from <paramref name="di"/>).
    /// </summary>
    public void Flat(AbiType type, scoped ReadOnlySpan<RawValue> src, ref int si, scoped Span<RawValue> dst, ref int di, ref LinkMemories m, LinkCall? call)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool:
                dst[di++] = RawValue.FromU32(src[si++].U32 != 0 ? 1u : 0u);
                break;
            case AbiTypeKind.S8:
                dst[di++] = RawValue.FromI32((sbyte)src[si++].I32);
                break;
            case AbiTypeKind.U8:
                dst[di++] = RawValue.FromU32(src[si++].U32 & 0xFF);
                break;
            case AbiTypeKind.S16:
                dst[di++] = RawValue.FromI32((short)src[si++].I32);
                break;
            case AbiTypeKind.U16:
                dst[di++] = RawValue.FromU32(src[si++].U32 & 0xFFFF);
                break;
            case AbiTypeKind.S32:
            case AbiTypeKind.U32:
                dst[di++] = RawValue.FromI32(src[si++].I32);
                break;
            case AbiTypeKind.S64:
            case AbiTypeKind.U64:
                dst[di++] = RawValue.FromI64(src[si++].I64);
                break;
            case AbiTypeKind.F32:
                dst[di++] = RawValue.FromF32(AbiFloats.Canonicalize(src[si++].F32));
                break;
            case AbiTypeKind.F64:
                dst[di++] = RawValue.FromF64(AbiFloats.Canonicalize(src[si++].F64));
                break;
            case AbiTypeKind.Char:
                dst[di++] = RawValue.FromU32(CheckChar(src[si++].U32));
                break;
            case AbiTypeKind.String:
            {
                var (pointer, units) = String(src[si].U32, src[si + 1].U32, ref m);
                dst[di] = RawValue.FromU32(pointer);
                dst[di + 1] = RawValue.FromU32(units);
                si += 2;
                di += 2;
                break;
            }

            case AbiTypeKind.List:
            {
                var (pointer, length) = List(((AbiListType)type).Element, src[si].U32, src[si + 1].U32, ref m, call);
                dst[di] = RawValue.FromU32(pointer);
                dst[di + 1] = RawValue.FromU32(length);
                si += 2;
                di += 2;
                break;
            }

            case AbiTypeKind.FixedList:
            {
                var fixedList = (AbiFixedListType)type;
                for (var i = 0; i < fixedList.Length; i++)
                {
                    Flat(fixedList.Element, src, ref si, dst, ref di, ref m, call);
                }

                break;
            }

            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
                foreach (var field in ((AbiProductType)type).FieldTypes)
                {
                    Flat(field, src, ref si, dst, ref di, ref m, call);
                }

                break;
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
                FlatVariant((AbiSumType)type, src, ref si, dst, ref di, ref m, call);
                break;
            case AbiTypeKind.Flags:
            {
                var flags = (AbiFlagsType)type;
                for (var i = 0; i < flags.WordCount; i++)
                {
                    var bits = src[si++].U32;
                    dst[di++] = RawValue.FromU32(i == flags.WordCount - 1 ? bits & LastWordMask(flags.Count) : bits);
                }

                break;
            }

            case AbiTypeKind.Own:
                dst[di++] = RawValue.FromU32(MoveOwn((AbiOwnType)type, src[si++].U32));
                break;
            case AbiTypeKind.Borrow:
                dst[di++] = RawValue.FromU32(LendBorrow((AbiBorrowType)type, src[si++].U32, call));
                break;
            default:
                throw new NotSupportedException($"Unknown type kind {type.Kind}.");
        }
    }

    /// <summary>
    /// <c>lift_flat_variant</c> then <c>lower_flat_variant</c>: the case's own core types are read out of the joined
    /// slots (<see cref="RawValue"/> keeps every core type at offset 0, which performs the spec's coercions) and written
    /// zero-extended, which performs the coercions back; the slots the case does not use are zero.
    /// </summary>
    private void FlatVariant(AbiSumType type, scoped ReadOnlySpan<RawValue> src, ref int si, scoped Span<RawValue> dst, ref int di, ref LinkMemories m, LinkCall? call)
    {
        var caseIndex = src[si].U32;
        if (caseIndex >= (uint)type.CaseCount)
        {
            throw ComponentTrapException.InvalidDiscriminant(type, caseIndex);
        }

        var flatCount = (int)type.FlatCount;
        dst.Slice(di, flatCount).Clear();
        dst[di] = RawValue.FromU32(caseIndex);
        if (type.PayloadUnchecked((int)caseIndex) is { } payload)
        {
            var payloadSource = si + 1;
            var payloadTarget = di + 1;
            Flat(payload, src, ref payloadSource, dst, ref payloadTarget, ref m, call);
        }

        si += flatCount;
        di += flatCount;
    }

    /// <summary>
    /// Copies one value of <paramref name="type"/> from the source memory at <paramref name="from"/> (aligned and in
    /// bounds: checked by the caller) to the destination memory at <paramref name="to"/> (allocated and checked).
    /// </summary>
    public void Stored(AbiType type, uint from, uint to, ref LinkMemories m, LinkCall? call)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool:
                m.To[(int)to] = m.From[(int)from] != 0 ? (byte)1 : (byte)0;
                break;
            case AbiTypeKind.S8:
            case AbiTypeKind.U8:
                m.To[(int)to] = m.From[(int)from];
                break;
            case AbiTypeKind.S16:
            case AbiTypeKind.U16:
            case AbiTypeKind.S32:
            case AbiTypeKind.U32:
            case AbiTypeKind.S64:
            case AbiTypeKind.U64:
                m.From.Slice((int)from, type.Size).CopyTo(m.To.Slice((int)to, type.Size));
                break;
            case AbiTypeKind.F32:
                BinaryPrimitives.WriteSingleLittleEndian(
                    m.To.Slice((int)to, 4), AbiFloats.Canonicalize(BinaryPrimitives.ReadSingleLittleEndian(m.From.Slice((int)from, 4))));
                break;
            case AbiTypeKind.F64:
                BinaryPrimitives.WriteDoubleLittleEndian(
                    m.To.Slice((int)to, 8), AbiFloats.Canonicalize(BinaryPrimitives.ReadDoubleLittleEndian(m.From.Slice((int)from, 8))));
                break;
            case AbiTypeKind.Char:
                WriteU32(m.To, to, CheckChar(ReadU32(m.From, from)));
                break;
            case AbiTypeKind.String:
            {
                var (pointer, units) = String(ReadU32(m.From, from), ReadU32(m.From, from + 4), ref m);
                WriteU32(m.To, to, pointer);
                WriteU32(m.To, to + 4, units);
                break;
            }

            case AbiTypeKind.List:
            {
                var (pointer, length) = List(((AbiListType)type).Element, ReadU32(m.From, from), ReadU32(m.From, from + 4), ref m, call);
                WriteU32(m.To, to, pointer);
                WriteU32(m.To, to + 4, length);
                break;
            }

            case AbiTypeKind.FixedList:
            {
                var fixedList = (AbiFixedListType)type;
                Elements(fixedList.Element, from, to, (uint)fixedList.Length, ref m, call);
                break;
            }

            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var product = (AbiProductType)type;
                var offsets = product.Offsets;
                for (var i = 0; i < offsets.Length; i++)
                {
                    Stored(product.FieldTypes[i], from + (uint)offsets[i], to + (uint)offsets[i], ref m, call);
                }

                break;
            }

            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
                StoredVariant((AbiSumType)type, from, to, ref m, call);
                break;
            case AbiTypeKind.Flags:
                StoredFlags((AbiFlagsType)type, from, to, ref m);
                break;
            case AbiTypeKind.Own:
                WriteU32(m.To, to, MoveOwn((AbiOwnType)type, ReadU32(m.From, from)));
                break;
            case AbiTypeKind.Borrow:
                WriteU32(m.To, to, LendBorrow((AbiBorrowType)type, ReadU32(m.From, from), call));
                break;
            default:
                throw new NotSupportedException($"Unknown type kind {type.Kind}.");
        }
    }

    private void StoredVariant(AbiSumType type, uint from, uint to, ref LinkMemories m, LinkCall? call)
    {
        var caseIndex = type.DiscriminantSize switch
        {
            1 => m.From[(int)from],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(m.From.Slice((int)from, 2)),
            _ => ReadU32(m.From, from),
        };
        if (caseIndex >= (uint)type.CaseCount)
        {
            throw ComponentTrapException.InvalidDiscriminant(type, caseIndex);
        }

        m.From.Slice((int)from, type.DiscriminantSize).CopyTo(m.To.Slice((int)to, type.DiscriminantSize));
        if (type.PayloadUnchecked((int)caseIndex) is { } payload)
        {
            Stored(payload, from + (uint)type.PayloadOffset, to + (uint)type.PayloadOffset, ref m, call);
        }
    }

    private static void StoredFlags(AbiFlagsType type, uint from, uint to, ref LinkMemories m)
    {
        switch (type.Count)
        {
            case 0:
                break;
            case <= 8:
                m.To[(int)to] = (byte)(m.From[(int)from] & LastWordMask(type.Count));
                break;
            case <= 16:
                BinaryPrimitives.WriteUInt16LittleEndian(
                    m.To.Slice((int)to, 2), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(m.From.Slice((int)from, 2)) & LastWordMask(type.Count)));
                break;
            default:
                for (var i = 0; i < type.WordCount; i++)
                {
                    var offset = (uint)(4 * i);
                    var bits = ReadU32(m.From, from + offset);
                    WriteU32(m.To, to + offset, i == type.WordCount - 1 ? bits & LastWordMask(type.Count) : bits);
                }

                break;
        }
    }

    /// <summary>The bits of the last 32-bit word of a flags value that name flags; <c>unpack_flags_from_int</c> ignores the others.</summary>
    private static uint LastWordMask(int count) => (count & 31) == 0 ? uint.MaxValue : (1u << (count & 31)) - 1;

    /// <summary>
    /// <c>load_list_from_range</c> in the source, then <c>store_list_into_range</c> in the destination: the length,
    /// alignment and bounds checks, one <c>realloc</c> in the destination, and the elements.
    /// </summary>
    private (uint Pointer, uint Length) List(AbiType element, uint pointer, uint length, ref LinkMemories m, LinkCall? call)
    {
        var byteLength = (ulong)length * (ulong)element.Size;
        if (byteLength > CanonicalAbi.MaxListByteLength || (element.Size == 0 && length > CanonicalAbi.MaxListByteLength))
        {
            throw ComponentTrapException.TooLong("list", byteLength, CanonicalAbi.MaxListByteLength);
        }

        m.From = Source();
        AbiChecks.CheckAlignment(pointer, element.Alignment, "list");
        AbiChecks.CheckRange(m.From.Length, pointer, byteLength, "list");
        var target = _toContext.Allocate((uint)element.Alignment, (uint)byteLength);
        Refresh(ref m);
        Elements(element, pointer, target, length, ref m, call);
        return (target, length);
    }

    /// <summary>Copies <paramref name="count"/> consecutive elements: in bulk when they need no checks, else one by one.</summary>
    private void Elements(AbiType element, uint from, uint to, uint count, ref LinkMemories m, LinkCall? call)
    {
        if (count == 0)
        {
            return;
        }

        if (IsPlainData(element))
        {
            var byteLength = (int)(count * (uint)element.Size);
            m.From.Slice((int)from, byteLength).CopyTo(m.To.Slice((int)to, byteLength));
            return;
        }

        var size = (uint)element.Size;
        for (var i = 0u; i < count; i++)
        {
            Stored(element, from + (i * size), to + (i * size), ref m, call);
        }
    }

    private static readonly ConditionalWeakTable<AbiType, object> PlainData = new();

    /// <summary>
    /// Whether values of the type are integers only (records, tuples and fixed-length lists of them): such bytes need
    /// no check and no change, so they are copied as they are (padding included, which the receiver never reads).
    /// </summary>
    internal static bool IsPlainData(AbiType type) =>
        (bool)PlainData.GetValue(type, static t => ComputePlainData(t));

    private static bool ComputePlainData(AbiType type) => type.Kind switch
    {
        AbiTypeKind.S8 or AbiTypeKind.U8 or AbiTypeKind.S16 or AbiTypeKind.U16 or AbiTypeKind.S32 or AbiTypeKind.U32
            or AbiTypeKind.S64 or AbiTypeKind.U64 => true,
        AbiTypeKind.Record or AbiTypeKind.Tuple => ((AbiProductType)type).FieldTypes.All(ComputePlainData),
        AbiTypeKind.FixedList => ComputePlainData(((AbiFixedListType)type).Element),
        _ => false,
    };

    /// <summary><c>lift_own</c> from the source's handle table, then <c>lower_own</c> into the destination's.</summary>
    private uint MoveOwn(AbiOwnType type, uint handle)
    {
        var table = _from.Instance.Handles;
        var h = table.Get((int)handle);
        CheckType(h, type.Resource, handle);
        if (!h.Own)
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle {handle} is a borrow, but an owned handle was expected");
        }

        if (h.Lends != 0)
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle {handle} is still lent out and cannot be moved");
        }

        table.Remove((int)handle);
        return (uint)_to.Instance.Handles.Add(new ResourceHandle(h.Type, h.Rep, own: true, borrowScope: null));
    }

    /// <summary>
    /// <c>lift_borrow</c> from the source (an owning handle is lent for the call), then <c>lower_borrow</c> into the
    /// destination: the representation itself when the destination implements the resource, else a borrow handle
    /// that the callee must drop before it returns.
    /// </summary>
    private uint LendBorrow(AbiBorrowType type, uint handle, LinkCall? call)
    {
        if (call is null)
        {
            throw new InvalidOperationException("A borrow crosses a link only as a parameter of a call with a handle scope.");
        }

        var h = _from.Instance.Handles.Get((int)handle);
        CheckType(h, type.Resource, handle);
        if (h.Own)
        {
            call.Lend(h);
        }

        if (ReferenceEquals(h.Type.Implementation, _to.Instance))
        {
            return (uint)h.Rep;
        }

        call.CalleeScope.OutstandingBorrows++;
        return (uint)_to.Instance.Handles.Add(new ResourceHandle(h.Type, h.Rep, own: false, borrowScope: call.CalleeScope));
    }

    private static void CheckType(ResourceHandle h, object expected, uint handle)
    {
        if (!ReferenceEquals(h.Type, expected))
        {
            throw new ComponentTrapException(
                ComponentTrapKind.InvalidHandle, $"handle {handle} refers to a resource of type '{h.Type}', but '{expected}' was expected");
        }
    }

    private static uint CheckChar(uint value) =>
        System.Text.Rune.IsValid(value) ? value : throw ComponentTrapException.InvalidChar(value);

    private Span<byte> Source() => (_from.Memory ?? throw new InvalidOperationException("The canonical option 'memory' is required to lift this value.")).GetSpan();

    private static uint ReadU32(Span<byte> memory, uint pointer) => BinaryPrimitives.ReadUInt32LittleEndian(memory.Slice((int)pointer, 4));

    private static void WriteU32(Span<byte> memory, uint pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(memory.Slice((int)pointer, 4), value);
}
