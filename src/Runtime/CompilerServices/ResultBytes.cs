using System.Buffers;
using System.ComponentModel;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// The large-result form of generated bindings: a <c>string</c> or <c>list&lt;u8&gt;</c> result copied straight out
/// of guest memory into the caller's destination (a span or an <see cref="IBufferWriter{T}"/>), strings as UTF-8,
/// with no .NET string or array in between. The copy runs where the ordinary form lifts the result, after the call
/// and before <c>post-return</c>, with the same checks (bounds, alignment, the host's limits, the text's encoding:
/// invalid text traps). For generated code; may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResultBytes
{
    /// <summary>
    /// Copies the string result <paramref name="result"/> as UTF-8 into <paramref name="destination"/> when it fits
    /// (transcoding from the guest's encoding if that is not UTF-8), after validating it.
    /// </summary>
    /// <param name="cx">The call's context.</param>
    /// <param name="result">The result's pointer and (tagged) code unit count, as the guest returned them.</param>
    /// <param name="destination">The caller's buffer.</param>
    /// <returns>The result's UTF-8 byte length; when it exceeds the destination's length, nothing was written (see <see cref="Fitted"/>).</returns>
    /// <exception cref="ComponentTrapException">The result is out of bounds, too long, or not valid text.</exception>
    public static int CopyString(AbiContext cx, GuestSlice result, Span<byte> destination)
    {
        var bytes = StringBytes(cx, result, out var encoding);
        var length = Utf8Text.Length(bytes, encoding, result.Pointer);
        if (length <= destination.Length)
        {
            Utf8Text.Write(bytes, encoding, destination);
        }

        return length;
    }

    /// <summary>
    /// Writes the string result <paramref name="result"/> as UTF-8 to <paramref name="destination"/> (transcoding from
    /// the guest's encoding if that is not UTF-8), after validating it, and advances the writer.
    /// </summary>
    /// <param name="cx">The call's context.</param>
    /// <param name="result">The result's pointer and (tagged) code unit count, as the guest returned them.</param>
    /// <param name="destination">The caller's writer.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ComponentTrapException">The result is out of bounds, too long, or not valid text.</exception>
    public static int WriteString(AbiContext cx, GuestSlice result, IBufferWriter<byte> destination)
    {
        var length = Utf8Text.Length(StringBytes(cx, result, out var encoding), encoding, result.Pointer);
        var span = Reserve(destination, length);

        // Read again: the writer's code ran in between (it cannot enter the instance, but nothing is assumed).
        Utf8Text.Write(StringBytes(cx, result, out _), encoding, span);
        destination.Advance(length);
        return length;
    }

    /// <summary>Copies the byte list result <paramref name="result"/> into <paramref name="destination"/> when it fits.</summary>
    /// <param name="cx">The call's context.</param>
    /// <param name="result">The result's pointer and length, as the guest returned them.</param>
    /// <param name="destination">The caller's buffer.</param>
    /// <returns>The result's length; when it exceeds the destination's length, nothing was written (see <see cref="Fitted"/>).</returns>
    /// <exception cref="ComponentTrapException">The result is out of bounds or longer than the host accepts.</exception>
    public static int CopyBytes(AbiContext cx, GuestSlice result, Span<byte> destination)
    {
        var bytes = ListBytes(cx, result);
        if (bytes.Length <= destination.Length)
        {
            bytes.CopyTo(destination);
        }

        return bytes.Length;
    }

    /// <summary>Writes the byte list result <paramref name="result"/> to <paramref name="destination"/> and advances the writer.</summary>
    /// <param name="cx">The call's context.</param>
    /// <param name="result">The result's pointer and length, as the guest returned them.</param>
    /// <param name="destination">The caller's writer.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ComponentTrapException">The result is out of bounds or longer than the host accepts.</exception>
    public static int WriteBytes(AbiContext cx, GuestSlice result, IBufferWriter<byte> destination)
    {
        var length = ListBytes(cx, result).Length;
        var span = Reserve(destination, length);
        ListBytes(cx, result).CopyTo(span);
        destination.Advance(length);
        return length;
    }

    /// <summary>
    /// Checks, once the call has completed, that the result copied by <see cref="CopyString"/> or
    /// <see cref="CopyBytes"/> fitted its destination.
    /// </summary>
    /// <param name="length">What the copy returned: the result's byte length.</param>
    /// <param name="capacity">The destination's length.</param>
    /// <param name="what">The function, for the message.</param>
    /// <param name="parameter">The destination parameter's name.</param>
    /// <returns><paramref name="length"/>: the number of bytes written.</returns>
    /// <exception cref="ArgumentException">The result was longer than the destination (the call completed; its result was discarded).</exception>
    public static int Fitted(int length, int capacity, string what, string parameter) => length <= capacity
        ? length
        : throw new ArgumentException(
            $"the result of {what} has {length} bytes, but the destination holds {capacity}: the call completed and its result was discarded (pass a larger buffer, or an IBufferWriter<byte>)",
            parameter);

    private static ReadOnlySpan<byte> StringBytes(AbiContext cx, GuestSlice result, out StringEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(cx);
        return StringLoader.BytesFrom(cx, result.Pointer, result.Length, out encoding);
    }

    private static ReadOnlySpan<byte> ListBytes(AbiContext cx, GuestSlice result)
    {
        ArgumentNullException.ThrowIfNull(cx);
        return CanonicalAbi.ListBytes(cx, result.Pointer, result.Length, 1);
    }

    /// <summary>A span of at least <paramref name="length"/> bytes from the writer.</summary>
    private static Span<byte> Reserve(IBufferWriter<byte> destination, int length)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (length == 0)
        {
            return default;
        }

        var span = destination.GetSpan(length);
        return span.Length >= length
            ? span
            : throw new InvalidOperationException($"the buffer writer returned {span.Length} bytes where {length} were asked for");
    }
}
