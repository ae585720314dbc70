namespace WitBindgen.Runtime.Abi;

/// <summary>Structural equality of <see cref="WitValue"/>.</summary>
public sealed partial class WitValue : IEquatable<WitValue>
{
    /// <summary>Structural equality.</summary>
    public static bool operator ==(WitValue? left, WitValue? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(WitValue? left, WitValue? right) => !(left == right);

    /// <summary>
    /// Structural equality: same kind and same contents. Floats compare by bit pattern except that all NaNs are
    /// equal (so <c>0.0</c> and <c>-0.0</c> differ); strings compare ordinally, ignoring their encoding hints;
    /// handles compare their resource values with <see cref="object.Equals(object?, object?)"/>.
    /// </summary>
    public bool Equals(WitValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case WitValueKind.F32:
                return _bits == other._bits || (AbiFloats.IsNanBits((uint)_bits) && AbiFloats.IsNanBits((uint)other._bits));
            case WitValueKind.F64:
                return _bits == other._bits || (AbiFloats.IsNanBits(_bits) && AbiFloats.IsNanBits(other._bits));
            case WitValueKind.String:
                return string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal);
            case WitValueKind.List:
            case WitValueKind.Record:
            case WitValueKind.Tuple:
                return ItemsEqual(ItemArray, other.ItemArray);
            case WitValueKind.Variant:
            case WitValueKind.Option:
            case WitValueKind.Result:
                return _bits == other._bits && Equals((WitValue?)_reference, (WitValue?)other._reference);
            case WitValueKind.Flags:
                return _bits == other._bits && FlagArray.AsSpan().SequenceEqual(other.FlagArray);
            case WitValueKind.Handle:
                return Equals(_reference, other._reference);
            default:
                return _bits == other._bits;
        }
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WitValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        switch (Kind)
        {
            case WitValueKind.F32 when AbiFloats.IsNanBits((uint)_bits):
            case WitValueKind.F64 when AbiFloats.IsNanBits(_bits):
                break;
            case WitValueKind.String:
                hash.Add((string)_reference!, StringComparer.Ordinal);
                break;
            case WitValueKind.List:
            case WitValueKind.Record:
            case WitValueKind.Tuple:
                foreach (var item in ItemArray)
                {
                    hash.Add(item);
                }

                break;
            case WitValueKind.Flags:
                hash.Add(_bits);
                foreach (var word in FlagArray)
                {
                    hash.Add(word);
                }

                break;
            default:
                hash.Add(_bits);
                hash.Add(_reference);
                break;
        }

        return hash.ToHashCode();
    }

    private static bool ItemsEqual(WitValue[] left, WitValue[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }
}
