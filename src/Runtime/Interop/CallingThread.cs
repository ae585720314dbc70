namespace WitBindgen.Runtime.Interop;

/// <summary>
/// The managed thread a guest call belongs to. A call moved to a thread with a large stack
/// (<see cref="CoreFunction"/>) runs for the thread that waits for it: host functions the guest calls there, and the
/// runtime's own work they cause (<c>realloc</c>, handles), belong to the caller's thread. Code that ties an instance
/// to a thread reads this rather than <see cref="Environment.CurrentManagedThreadId"/>.
/// </summary>
internal static class CallingThread
{
    /// <summary>
    /// The id of the thread the current code runs for, once read (0 before): the thread's own managed id, or, on a
    /// thread running a moved call, the id of the thread it runs for. One thread-static read per call instead of two.
    /// </summary>
    [ThreadStatic]
    private static int t_id;

    /// <summary>The id of the thread the current code runs for.</summary>
    public static int Id
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get
        {
            var id = t_id;
            return id != 0 ? id : ReadId();
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int ReadId() => t_id = Environment.CurrentManagedThreadId;

    /// <summary>Makes the current thread (one the runtime started for a moved call) run for <paramref name="caller"/>.</summary>
    public static void ActFor(int caller) => t_id = caller;
}
