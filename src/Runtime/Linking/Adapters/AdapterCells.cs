using Wasmtime;
using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Linking.Adapters;

/// <summary>
/// The memory a store's wasm adapters share with the runtime: one page that never grows (so its address never
/// changes), holding at <see cref="StackPointer"/> the top of a stack of the adapters now inside their callee (each
/// pushes its id before it enters the callee and restores the top when it returns), and from <see cref="FirstCell"/>
/// an 8-byte cell per component instance taking part in a wasm adapter (<see cref="InstanceState"/>'s flags).
/// A trap unwinds wasm frames without running their exit, so the runtime finishes what the adapters it unwound
/// entered (<see cref="Unwind"/>): their callees are poisoned and left, as the host-side adapter does on a trap.
/// </summary>
internal sealed unsafe class AdapterCells
{
    /// <summary>Where the stack's top (a byte offset) is kept.</summary>
    public const int StackPointer = 0;

    /// <summary>The first byte of the stack.</summary>
    public const int StackBase = 16;

    /// <summary>The end of the stack: an adapter finding the stack full takes the host path.</summary>
    public const int StackEnd = 4096;

    /// <summary>The first instance cell.</summary>
    public const int FirstCell = 4096;

    private const int PageSize = 65536;

    private readonly byte* _base;
    private readonly InstanceState _root;
    private readonly List<(InstanceState Callee, EnteredInstances Entered, string What, InstanceState? Caller)> _adapters = new();
    private int _nextCell = FirstCell;

    private AdapterCells(Store store, InstanceState root)
    {
        _root = root;
        Memory = new Memory(store, 1, 1);
        _base = (byte*)Memory.GetPointer();
        *(int*)(_base + StackPointer) = StackBase;
    }

    /// <summary>The memory the adapters import.</summary>
    public Memory Memory { get; }

    /// <summary>
    /// The stack's top now: what <see cref="Unwind"/> returns to. Once the instantiation is disposed its store (and
    /// this memory) may be gone: nothing is read any more.
    /// </summary>
    public int Depth => _root.Disposed ? StackBase : *(int*)(_base + StackPointer);

    /// <summary>The adapter memory of <paramref name="store"/>, the store of the instantiation <paramref name="root"/>, created on first use.</summary>
    public static AdapterCells For(Store store, InstanceState root)
    {
        var epoch = StoreEpoch.For(store);
        return epoch.Adapters ??= new AdapterCells(store, root);
    }

    /// <summary>The offset of <paramref name="instance"/>'s cell, giving it one; null when the page is full.</summary>
    public int? CellOf(InstanceState instance)
    {
        if (instance.CellOffset >= 0)
        {
            return instance.CellOffset;
        }

        if (_nextCell + 8 > PageSize)
        {
            return null;
        }

        var offset = _nextCell;
        _nextCell += 8;
        instance.AttachCell((int*)(_base + offset), offset);
        return offset;
    }

    /// <summary>
    /// Registers an adapter entering <paramref name="callee"/> and its parents below <paramref name="stop"/> to call
    /// <paramref name="function"/> (for messages); returns its id.
    /// </summary>
    public int Register(InstanceState callee, InstanceState? stop, string function)
    {
        _adapters.Add((callee, new EnteredInstances(callee, stop), $"'{function}'", null));
        return _adapters.Count - 1;
    }

    /// <summary>
    /// Registers the second stack entry of an adapter <see cref="Register"/> gave <paramref name="id"/>: the one it
    /// has while <paramref name="caller"/>'s <c>realloc</c> receives a string result. A trap then is the caller's, as
    /// on the host-side adapter: the callee is left without being poisoned and the caller may leave again.
    /// </summary>
    public int RegisterResults(int id, InstanceState caller)
    {
        var (callee, entered, what, _) = _adapters[id];
        _adapters.Add((callee, entered, $"realloc for the results of {what}", caller));
        return _adapters.Count - 1;
    }

    /// <summary>
    /// After a trap came out of a core call that started with the stack at <paramref name="depth"/>: every adapter
    /// still on the stack above it was unwound inside its callee, which is poisoned and left (innermost first).
    /// </summary>
    /// <returns>
    /// Where the innermost adapter unwound was (its callee and function, or its caller and the caller's
    /// <c>realloc</c>), or null when the trap unwound no adapter.
    /// </returns>
    public (InstanceState Instance, string What)? Unwind(int depth)
    {
        if (_root.Disposed)
        {
            return null;
        }

        (InstanceState, string)? innermost = null;
        var top = Depth;
        for (var p = top - 4; p >= depth && p >= StackBase; p -= 4)
        {
            var id = *(int*)(_base + p);
            if ((uint)id >= (uint)_adapters.Count)
            {
                continue;
            }

            var (callee, entered, what, caller) = _adapters[id];
            innermost ??= (caller ?? callee, what);
            if (caller is null)
            {
                callee.Poisoned = true;
            }
            else
            {
                caller.MayLeave = true;
            }

            callee.MayLeave = true;
            InstanceState.Leave(entered);
        }

        if (top > depth)
        {
            *(int*)(_base + StackPointer) = depth;
        }

        return innermost;
    }
}
