namespace WitBindgen.Wasi;

/// <summary>
/// One of the live WASI resources a guest instance may hold (<see cref="WasiLimits.MaxResources"/>): taken when a
/// host resource object is made, given back once when it is disposed.
/// </summary>
internal sealed class ResourceLease
{
    private readonly WasiContext _context;
    private int _released;

    /// <summary>Takes a lease.</summary>
    /// <exception cref="WasiLimitException">The instance holds as many resources as it may.</exception>
    public ResourceLease(WasiContext context)
    {
        _context = context;
        context.AcquireResource();
    }

    /// <summary>Gives the lease back (once; later calls do nothing).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _context.ReleaseResource();
        }
    }
}
