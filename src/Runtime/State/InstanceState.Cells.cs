namespace WitBindgen.Runtime.State;

/// <summary>
/// The instance's flags as wasm adapters see them: while the instance takes part in a link compiled to wasm
/// (<see cref="Linking.Adapters.WasmAdapter"/>), its <c>may_enter</c> owner and its <c>may_leave</c> and unusable bits
/// live in an 8-byte cell of its store's adapter memory (<see cref="Linking.Adapters.AdapterCells"/>), which the
/// adapters' code reads and writes and this class reads and writes through a pointer, so both sides always agree.
/// </summary>
public sealed unsafe partial class InstanceState
{
    /// <summary>Bit of the cell's second word: the instance runs <c>realloc</c> or <c>post-return</c> (<c>may_leave</c> is false).</summary>
    internal const int CellMayNotLeave = 1;

    /// <summary>Bit of the cell's second word: the instance is poisoned or its instantiation disposed.</summary>
    internal const int CellUnusable = 2;

    /// <summary>The cell: word 0 the owner (<see cref="_owner"/>'s role), word 1 the bits above; null while the instance has none.</summary>
    private int* _cell;

    /// <summary>The cell's offset in the adapter memory, or -1 while the instance has none.</summary>
    internal int CellOffset { get; private set; } = -1;

    /// <summary>The owner word: the cell's when the instance has one, the field's otherwise.</summary>
    private ref int Owner => ref (_cell == null ? ref _owner : ref *_cell);

    /// <summary>
    /// Moves the instance's flags into <paramref name="cell"/> (at <paramref name="offset"/> in the adapter memory). Done
    /// while the instantiation is built, before any call can be inside the instance.
    /// </summary>
    internal void AttachCell(int* cell, int offset)
    {
        DropLazyHold();
        cell[0] = Volatile.Read(ref _owner);
        cell[1] = (_mayLeave ? 0 : CellMayNotLeave) | (_poisoned || Root.Disposed ? CellUnusable : 0);
        _cell = cell;
        CellOffset = offset;
    }

    /// <summary>
    /// On the root, when the instantiation ends: marks every cell unusable (adapters still on the stack then take the
    /// host path, which refuses the call) and moves the flags back into the fields, since the adapter memory goes away
    /// with the store.
    /// </summary>
    private void DetachCells()
    {
        foreach (var instance in _instances)
        {
            var cell = instance._cell;
            if (cell != null)
            {
                cell[1] |= CellUnusable;
                instance._owner = cell[0];
                instance._mayLeave = (cell[1] & CellMayNotLeave) == 0;
                instance._cell = null;
            }
        }
    }

    /// <summary>
    /// For a wasm adapter: the instances a call from <paramref name="caller"/> (another instance of the same
    /// instantiation) enters, as this instance and its parents below the returned stop; false when the call always
    /// traps (the two are the same instance, or one is a parent of the other) and so stays on the host path.
    /// </summary>
    internal bool TryEnteringChain(InstanceState caller, out InstanceState? stop)
    {
        stop = null;
        if (caller.IsSelfOrAncestorOf(this) || IsSelfOrAncestorOf(caller))
        {
            return false;
        }

        stop = EnteringStop(caller);
        return true;
    }

    private void SetCellFlag(int bit, bool on)
    {
        if (_cell != null)
        {
            _cell[1] = on ? _cell[1] | bit : _cell[1] & ~bit;
        }
    }
}
