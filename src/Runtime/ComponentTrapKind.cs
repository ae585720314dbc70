namespace WitBindgen.Runtime;

/// <summary>Why a <see cref="ComponentTrapException"/> was raised.</summary>
public enum ComponentTrapKind : byte
{
    /// <summary>A trap not covered by a more specific kind.</summary>
    Other,

    /// <summary>A guest pointer plus length reaches outside guest memory.</summary>
    OutOfBounds,

    /// <summary>A guest pointer is not aligned as the type requires.</summary>
    Misaligned,

    /// <summary>A string or list is longer than the canonical ABI allows (2^28 - 1 bytes).</summary>
    LengthTooLarge,

    /// <summary>String bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>String code units are not valid UTF-16 (an unpaired surrogate).</summary>
    InvalidUtf16,

    /// <summary>A <c>char</c> is a surrogate or above 0x10FFFF.</summary>
    InvalidChar,

    /// <summary>A variant, enum, option or result discriminant names no case.</summary>
    InvalidDiscriminant,

    /// <summary><c>realloc</c> returned a block that reaches outside guest memory.</summary>
    ReallocOutOfBounds,

    /// <summary><c>realloc</c> returned a misaligned pointer.</summary>
    ReallocMisaligned,

    /// <summary>A resource handle is invalid (raised by <see cref="Abi.IResourceHandles"/> implementations).</summary>
    InvalidHandle,

    /// <summary>
    /// Host code called by the guest failed in a way the called function cannot report (for example a host stream or
    /// clock that threw); <see cref="System.Exception.InnerException"/> holds the host's exception.
    /// </summary>
    HostFailure,

    /// <summary>The guest went past a limit the host set (open files, resource handles, output bytes, …).</summary>
    LimitExceeded,

    /// <summary>
    /// A call would enter a component instance that may not be entered: one that is already running, or (between
    /// components) the caller's own instance, a parent of it or a child of it.
    /// </summary>
    Reentrance,

    /// <summary>
    /// A linear memory reached <see cref="ComponentLimits.MemoryBytes"/>: a core module's initial memory is larger, or
    /// the guest trapped while a memory was within a page of the limit (its <c>memory.grow</c> had failed).
    /// </summary>
    MemoryLimit,

    /// <summary>A table reached <see cref="ComponentLimits.TableElements"/> (as <see cref="MemoryLimit"/>, for tables).</summary>
    TableLimit,

    /// <summary>Instantiation would create more core instances than <see cref="ComponentLimits.CoreInstances"/>.</summary>
    InstanceLimit,

    /// <summary>A handle table would hold more handles than <see cref="ComponentLimits.HandlesPerTable"/>.</summary>
    HandleLimit,

    /// <summary>
    /// The guest handed the host a string or list larger than <see cref="ComponentLimits.StringBytes"/> or
    /// <see cref="ComponentLimits.ListElements"/>.
    /// </summary>
    ValueTooLarge,

    /// <summary>A call used up its <see cref="ComponentLimits.FuelPerCall"/>.</summary>
    OutOfFuel,

    /// <summary>A call ran past its <see cref="ComponentLimits.CallTimeout"/>.</summary>
    DeadlineExceeded,

    /// <summary>The instance's <see cref="ComponentLimits.CancellationToken"/> was cancelled.</summary>
    Cancelled,

    /// <summary>Guest code recursed past the guest stack's bound (512 KiB).</summary>
    StackOverflow,

    /// <summary>
    /// The guest asked for something this runtime cannot run, although the component model allows it: explicit
    /// threads, or a blocked task that should go on while a task blocked above it on the same stack still waits (both
    /// need stack switching, which Wasmtime's core API does not offer; see docs/async.md).
    /// </summary>
    Unsupported,
}
