namespace WitBindgen.Runtime;

/// <summary>
/// What one component instance may use: memory, table elements, core instances, handles, the size of the values it
/// hands the host, and time (fuel or a deadline per call, and a <see cref="System.Threading.CancellationToken"/>).
/// Every limit is off (null) unless set. Set them for every instance through
/// <see cref="ComponentRuntimeOptions.Limits"/>, or for one instantiation through
/// <see cref="LoadedComponent.Instantiate(HostImports?, ComponentLimits?)"/> (or the generated <c>Instantiate</c>).
/// Going past a limit raises <see cref="ComponentTrapException"/> with a specific <see cref="ComponentTrapKind"/> and
/// poisons the instance; other instances and the host carry on. See docs/limits.md.
/// </summary>
public sealed class ComponentLimits
{
    /// <summary>
    /// The most bytes one linear memory may grow to. A <c>memory.grow</c> past it fails (returns -1, as the
    /// WebAssembly specification allows); a guest that traps after that (Rust's allocator aborts) raises
    /// <see cref="ComponentTrapKind.MemoryLimit"/>, as does a module whose initial memory is already larger.
    /// </summary>
    public long? MemoryBytes { get; init; }

    /// <summary>
    /// The most elements one table may grow to; a <c>table.grow</c> past it fails (returns -1), and a trap after that,
    /// or a module whose initial table is already larger, raises <see cref="ComponentTrapKind.TableLimit"/>.
    /// </summary>
    public uint? TableElements { get; init; }

    /// <summary>
    /// The most core module instances one component instantiation may create (a Rust component built for WASI
    /// creates about ten); one more raises <see cref="ComponentTrapKind.InstanceLimit"/>.
    /// </summary>
    public int? CoreInstances { get; init; }

    /// <summary>The most live handles in one component instance's handle table (<see cref="ComponentTrapKind.HandleLimit"/>).</summary>
    public int? HandlesPerTable { get; init; }

    /// <summary>
    /// The largest string, in bytes of the guest's encoding, that the host lifts from the guest (arguments of imports,
    /// results of exports); a longer one raises <see cref="ComponentTrapKind.ValueTooLarge"/> before it is decoded.
    /// </summary>
    public int? StringBytes { get; init; }

    /// <summary>
    /// The most elements of a list that the host lifts from the guest; a longer one raises
    /// <see cref="ComponentTrapKind.ValueTooLarge"/> before its elements are read.
    /// </summary>
    public int? ListElements { get; init; }

    /// <summary>
    /// The fuel each call from the host into the instance (and its instantiation) starts with; guest code consumes
    /// about one unit per WebAssembly instruction, and running out raises <see cref="ComponentTrapKind.OutOfFuel"/>.
    /// Fuel metering makes all guest code of the runtime's engine slower, so the engine
    /// meters fuel only when <see cref="ComponentRuntimeOptions.Limits"/> sets this or
    /// <see cref="ComponentRuntimeOptions.EnableFuel"/> is true.
    /// </summary>
    public ulong? FuelPerCall { get; init; }

    /// <summary>
    /// The longest a call from the host into the instance may run guest code; past it the guest is interrupted
    /// (<see cref="ComponentTrapKind.DeadlineExceeded"/>) the next time it reaches a loop head or function entry. The
    /// check runs every <see cref="ComponentRuntimeOptions.EpochInterval"/> or so, so the deadline is met within about
    /// that. Time spent in host functions the guest called counts, but host code is not interrupted. Needs epoch
    /// interruption (see <see cref="ComponentRuntimeOptions.EnableInterruption"/>).
    /// </summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>
    /// A token that interrupts the instance: once cancelled, running guest code traps at its next loop head or
    /// function entry and later calls trap at once (<see cref="ComponentTrapKind.Cancelled"/>). Needs epoch
    /// interruption (see <see cref="ComponentRuntimeOptions.EnableInterruption"/>).
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Whether guest code must be metered with fuel.</summary>
    internal bool NeedsFuel => FuelPerCall is not null;

    /// <summary>Whether guest code must be interruptible (a deadline or a cancellation token).</summary>
    internal bool NeedsInterruption => CallTimeout is not null || CancellationToken.CanBeCanceled;

    /// <summary>Checks that the values are usable.</summary>
    internal void Validate()
    {
        Positive(MemoryBytes, nameof(MemoryBytes));
        Positive(CoreInstances, nameof(CoreInstances));
        Positive(HandlesPerTable, nameof(HandlesPerTable));
        Positive(StringBytes, nameof(StringBytes));
        Positive(ListElements, nameof(ListElements));
        if (CallTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CallTimeout), timeout, "the call timeout must be positive");
        }

        static void Positive(long? value, string name)
        {
            if (value is < 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");
            }
        }
    }
}
