using System.Text;

namespace WitBindgen.Runtime.Abi;

/// <summary>Validation of UTF-16 text: host strings must be valid Unicode to be passed as WIT strings.</summary>
internal static class StringValidation
{
    /// <summary>Returns the index of the first unpaired surrogate, or -1 when the text is valid UTF-16.</summary>
    public static int IndexOfUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var relative = text[offset..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (relative < 0)
            {
                return -1;
            }

            var index = offset + relative;
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                offset = index + 2;
                continue;
            }

            return index;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a host string contains an unpaired surrogate.</summary>
    public static void ThrowIfInvalidHostString(ReadOnlySpan<char> text, string parameterName)
    {
        var index = IndexOfUnpairedSurrogate(text);
        if (index >= 0)
        {
            throw new ArgumentException(
                $"The string contains an unpaired surrogate U+{(int)text[index]:X4} at index {index}; WIT strings must be valid Unicode.",
                parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless an encoding hint describes <paramref name="value"/>.</summary>
    public static void ThrowIfHintMismatch(string value, StringEncoding encoding, uint taggedCodeUnits)
    {
        var valid = encoding switch
        {
            StringEncoding.Utf8 => (uint)Encoding.UTF8.GetByteCount(value) == taggedCodeUnits,
            StringEncoding.Utf16 => (uint)value.Length == taggedCodeUnits,
            StringEncoding.Latin1Utf16 => (taggedCodeUnits & CanonicalAbi.Utf16Tag) != 0
                ? (uint)value.Length == (taggedCodeUnits ^ CanonicalAbi.Utf16Tag)
                : (uint)value.Length == taggedCodeUnits && !value.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF'),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown string encoding."),
        };
        if (!valid)
        {
            throw new ArgumentException($"{taggedCodeUnits} (tagged) code units of {encoding} do not describe the given string.", nameof(taggedCodeUnits));
        }
    }
}
