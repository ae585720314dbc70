namespace WitBindgen.Runtime.Abi;

/// <summary>
/// The guest's <c>realloc</c> canonical option: <c>(func (param i32 i32 i32 i32) (result i32))</c>. Allocates
/// (when <paramref name="originalPointer"/> and <paramref name="originalSize"/> are 0) or resizes a block of guest
/// memory, preserving its contents up to the smaller size, and returns the new block's address.
/// </summary>
/// <param name="originalPointer">The block to resize, or 0 to allocate.</param>
/// <param name="originalSize">The block's current byte size, or 0 to allocate.</param>
/// <param name="alignment">The required alignment of the result, a power of two.</param>
/// <param name="newSize">The requested byte size.</param>
/// <returns>The address of the (possibly moved) block. The ABI traps if it is misaligned or outside memory.</returns>
public delegate uint GuestRealloc(uint originalPointer, uint originalSize, uint alignment, uint newSize);
