namespace WitBindgen.Runtime.Async;

/// <summary>
/// A host's buffer of stream or future elements in .NET memory: elements move to and from guest memory through the
/// element's <see cref="WitCodec{T}"/> in bulk (one call per copy, not per element), and between two host buffers as
/// a span copy.
/// </summary>
internal sealed class HostCopyBuffer<T> : CopyBuffer, IHostCopyBuffer
{
    private readonly Memory<T> _memory;
    private readonly WitCodec<T> _codec;

    public HostCopyBuffer(WitCodec<T> codec, Memory<T> memory)
        : base(codec.Type, (uint)Math.Min(memory.Length, MaxLength))
    {
        _codec = codec;
        _memory = memory;
    }

    /// <summary>The elements not yet copied.</summary>
    private Memory<T> Rest(uint n) => _memory.Slice((int)Progress, (int)n);

    /// <inheritdoc />
    public override void CopyFrom(CopyBuffer source, uint n)
    {
        switch (source)
        {
            case GuestCopyBuffer guest:
                _codec.LoadMany(guest.Context, guest.Pointer, Rest(n).Span);
                guest.Advance(n);
                break;
            case HostCopyBuffer<T> host:
                host.Rest(n).Span.CopyTo(Rest(n).Span);
                host.Progress += n;
                break;
            default:
                throw new InvalidOperationException($"cannot copy {typeof(T).Name} elements from a {source.GetType().Name}");
        }

        Progress += n;
    }

    /// <inheritdoc />
    public void CopyTo(GuestCopyBuffer target, uint n)
    {
        _codec.StoreMany(target.Context, Rest(n).Span, target.Pointer);
        target.Advance(n);
        Progress += n;
    }
}
