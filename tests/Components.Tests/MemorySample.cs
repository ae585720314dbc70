using System.Diagnostics;

namespace WitBindgen.Components.Tests;

/// <summary>The process's memory after a full collection: the managed heap, the working set and the private bytes.</summary>
internal readonly record struct MemorySample(long Managed, long WorkingSet, long Private)
{
    /// <summary>Collects (finalizers included) and reads the three figures.</summary>
    public static MemorySample Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return new MemorySample(GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64, process.PrivateMemorySize64);
    }
}
