using System.Text;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Runtime;

/// <summary>Converts WebAssembly text (core modules or components) to binary.</summary>
internal static class WatText
{
    /// <summary>
    /// Converts module or component text to its binary encoding with <c>wasmtime_wat2wasm</c>, the
    /// text parser bundled in Wasmtime's native library (it accepts component text).
    /// </summary>
    /// <exception cref="FormatException">The text does not parse; the message is the parser's.</exception>
    public static unsafe byte[] ToBinary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var utf8 = Encoding.UTF8.GetBytes(text);
        NativeMethods.ByteVec result;
        IntPtr error;
        fixed (byte* p = utf8)
        {
            error = NativeMethods.Wat2Wasm(p, (nuint)utf8.Length, &result);
        }

        if (error != IntPtr.Zero)
        {
            NativeMethods.ErrorMessage(error, out var message);
            var text_ = message.ToUtf8String();
            NativeMethods.ByteVecDelete(ref message);
            NativeMethods.ErrorDelete(error);
            throw new FormatException(text_);
        }

        try
        {
            return new ReadOnlySpan<byte>(result.Data, checked((int)result.Size)).ToArray();
        }
        finally
        {
            NativeMethods.ByteVecDelete(ref result);
        }
    }
}
