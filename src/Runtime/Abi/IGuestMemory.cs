namespace WitBindgen.Runtime.Abi;

/// <summary>
/// A guest's linear memory. The returned span is only valid until guest code runs again: a <c>realloc</c> call
/// may grow (and so move) the memory, so callers fetch the span afresh after every such call.
/// </summary>
public interface IGuestMemory
{
    /// <summary>Returns the memory's current contents.</summary>
    Span<byte> GetSpan();
}
