using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>A minimal handle table: own handles move values in and out, borrows read them in place.</summary>
internal sealed class TestResources : IResourceHandles
{
    private readonly Dictionary<uint, (object Value, bool Own)> _table = [];
    private uint _next = 1;

    public int Count => _table.Count;

    public object LiftOwn(AbiOwnType type, uint handle)
    {
        var entry = Get(handle);
        if (!entry.Own)
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle {handle} is not an own handle");
        }

        _table.Remove(handle);
        return entry.Value;
    }

    public object LiftBorrow(AbiBorrowType type, uint handle) => Get(handle).Value;

    public uint LowerOwn(AbiOwnType type, object resource) => Add(resource, own: true);

    public uint LowerBorrow(AbiBorrowType type, object resource) => Add(resource, own: false);

    private (object Value, bool Own) Get(uint handle) =>
        _table.TryGetValue(handle, out var entry)
            ? entry
            : throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"unknown handle {handle}");

    private uint Add(object resource, bool own)
    {
        var handle = _next++;
        _table[handle] = (resource, own);
        return handle;
    }
}
