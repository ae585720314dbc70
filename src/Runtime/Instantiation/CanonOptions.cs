using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>The resolved <c>canonopt</c>s of a lift or lower: memory, realloc, post-return, encoding.</summary>
internal sealed class CanonOptions
{
    public CanonOptions(InstanceState instance, Memory? memory, CoreFunction? realloc, CoreFunction? postReturn, StringEncoding encoding)
    {
        Instance = instance;
        Memory = memory is null ? null : new WasmMemory(memory, instance);
        Realloc = realloc;
        PostReturn = postReturn;
        Encoding = encoding;
    }

    public InstanceState Instance { get; }

    public WasmMemory? Memory { get; }

    public CoreFunction? Realloc { get; }

    public CoreFunction? PostReturn { get; }

    public StringEncoding Encoding { get; }

    public AbiContext Context(CallScope? scope) => new()
    {
        Memory = Memory,
        Realloc = Realloc is null ? null : CallRealloc,
        StringEncoding = Encoding,
        Resources = scope,
    };

    public uint CallRealloc(uint originalPointer, uint originalSize, uint alignment, uint newSize)
    {
        Instance.ThrowIfDisposed();
        Span<RawValue> slots = stackalloc RawValue[4];
        slots[0] = RawValue.FromU32(originalPointer);
        slots[1] = RawValue.FromU32(originalSize);
        slots[2] = RawValue.FromU32(alignment);
        slots[3] = RawValue.FromU32(newSize);
        Instance.MayLeave = false;
        try
        {
            Realloc!.Call(slots);
        }
        finally
        {
            Instance.MayLeave = true;
        }

        return slots[0].U32;
    }
}

/// <summary>
/// Carries an exception thrown by host code inside a core callback across the Wasmtime trap that
/// it turns into, so that the host sees its own exception again.
/// </summary>
internal static class PendingException
{
    [ThreadStatic]
    private static Exception? _pending;

    public static void Set(Exception e) => _pending ??= e;

    public static Exception? Take()
    {
        var e = _pending;
        _pending = null;
        return e;
    }
}
