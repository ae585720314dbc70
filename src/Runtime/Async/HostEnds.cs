using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Async;

/// <summary>Finding the stream or future behind a dynamic value, for host-held ends.</summary>
internal static class HostEnds
{
    public static SharedCopy Shared(WitValue value, bool isStream, AbiType element)
    {
        ArgumentNullException.ThrowIfNull(value);
        var kind = isStream ? "stream" : "future";
        if (value.Kind != WitValueKind.Handle || value.AsHandle() is not SharedCopy shared || shared.IsStream != isStream)
        {
            throw new ArgumentException($"the value is not a {kind}", nameof(value));
        }

        if (!AsyncValues.SameElement(shared.Element, element))
        {
            throw new ArgumentException($"the {kind} has elements of type {shared.Element?.ToString() ?? "(none)"}, not {element}", nameof(value));
        }

        return shared;
    }
}
