namespace WitBindgen.Runtime.Interop;

/// <summary>
/// The managed thread a guest call belongs to. A call moved to a thread with a large stack
/// (<see cref="CoreFunction"/>) runs for the thread that waits for it: host functions the guest calls there, and the
/// runtime's own work they cause (<c>realloc</c>, handles), belong to the caller's thread. Code that ties an instance
/// to a thread reads this rather than <see cref="Environment.CurrentManagedThreadId"/>.
/// </summary>
internal static class CallingThread
{
    /// <summary>On a thread running a moved call: the id of the thread it runs for; otherwise 0.</summary>
    [ThreadStatic]
    private static int t_actingFor;

    /// <summary>The id of the thread the current code runs for.</summary>
    public static int Id => t_actingFor != 0 ? t_actingFor : Environment.CurrentManagedThreadId;

    /// <summary>Makes the current thread (one the runtime started for a moved call) run for <paramref name="caller"/>.</summary>
    public static void ActFor(int caller) => t_actingFor = caller;
}
