using WitBindgen.Runtime.Instantiation;

namespace WitBindgen.Runtime.Linking;

/// <summary>
/// The linear memories of the two sides of a linked call, as spans: the side values come from and the side they go
/// to. Guest code (a <c>realloc</c>) may grow and so move a memory, so the spans are fetched afresh after every such call.
/// </summary>
internal ref struct LinkMemories
{
    /// <summary>The memory values are read from (empty when that side has no <c>memory</c> option).</summary>
    public Span<byte> From;

    /// <summary>The memory values are written to (empty when that side has no <c>memory</c> option).</summary>
    public Span<byte> To;

    /// <summary>Fetches both memories.</summary>
    public void Refresh(CanonOptions from, CanonOptions to)
    {
        From = from.Memory is { } f ? f.GetSpan() : default;
        To = to.Memory is { } t ? t.GetSpan() : default;
    }
}
