using WitBindgen.Runtime.CompilerServices;

namespace WitBindgen.Runtime.Abi;

/// <summary>Allocation-free string fast paths for generated code.</summary>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Lowers host text into guest memory in the context's string encoding with a single <c>realloc</c> of the
    /// exact encoded size (the host measures the text first, as a host already holding text in the guest's
    /// encoding would; the spec's grow-then-shrink sequence applies to text that comes from another component).
    /// </summary>
    /// <returns>The guest pointer and (tagged) code unit count to pass to the guest.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains an unpaired surrogate.</exception>
    public static GuestSlice LowerString(AbiContext cx, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(cx);
        if (cx.StringEncoding != StringEncoding.Utf8)
        {
            // For UTF-8 guests, measuring the UTF-8 length rejects unpaired surrogates already.
            StringValidation.ThrowIfInvalidHostString(value, nameof(value));
        }

        return StringStorer.StoreHost(cx, value);
    }

    /// <summary>
    /// Lowers host text into a guest whose string encoding is UTF-8: the UTF-8 length is measured, then one
    /// <c>realloc</c> of exactly that size, then the text is encoded straight into guest memory.
    /// </summary>
    /// <returns>The guest pointer and UTF-8 byte length.</returns>
    /// <exception cref="InvalidOperationException">The context's string encoding is not UTF-8.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains an unpaired surrogate.</exception>
    public static GuestSlice LowerStringUtf8(AbiContext cx, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(cx);
        if (cx.StringEncoding != StringEncoding.Utf8)
        {
            throw new InvalidOperationException($"LowerStringUtf8 requires a UTF-8 guest; this context uses {cx.StringEncoding}.");
        }

        // Measuring rejects unpaired surrogates; no separate validation pass is needed.
        return StringStorer.StoreHost(cx, value);
    }

    /// <summary>Lowers host text (as <see cref="LowerString"/>) and writes the pointer and length pair at <paramref name="pointer"/>.</summary>
    public static void StoreString(AbiContext cx, ReadOnlySpan<char> value, uint pointer)
    {
        ArgumentNullException.ThrowIfNull(cx);
        AbiChecks.CheckValue(cx.GetMemoryUpTo((ulong)pointer + 8).Length, pointer, AbiType.String, "value");
        var slice = LowerString(cx, value);
        WritePair(cx, pointer, slice);
    }

    /// <summary>
    /// Lifts the string a guest passed as a pointer and (tagged) code unit count, decoding it from the context's
    /// string encoding (<c>load_string_from_range</c>). Traps on a bad pointer, length or encoding.
    /// </summary>
    public static string LiftString(AbiContext cx, uint pointer, uint taggedCodeUnits)
    {
        ArgumentNullException.ThrowIfNull(cx);
        return StringLoader.LoadFrom(cx, pointer, taggedCodeUnits);
    }

    /// <summary>Reads a string's pointer and length pair at <paramref name="pointer"/> and lifts the string (<c>load_string</c>).</summary>
    public static string LoadString(AbiContext cx, uint pointer)
    {
        ArgumentNullException.ThrowIfNull(cx);
        var memory = cx.GetMemoryUpTo((ulong)pointer + 8);
        AbiChecks.CheckValue(memory.Length, pointer, AbiType.String, "value");
        return StringLoader.LoadFrom(cx, AbiMemory.ReadU32(memory, pointer), AbiMemory.ReadU32(memory, pointer + 4));
    }
}
