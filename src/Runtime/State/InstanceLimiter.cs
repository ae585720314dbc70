using System.Diagnostics;
using System.Globalization;
using Wasmtime;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Runtime.State;

/// <summary>
/// Applies a <see cref="ComponentLimits"/> to one instantiation (one Wasmtime store): the store's memory and table
/// limits, the count of core instances, fuel and the deadline of each call from outside, cancellation, and the
/// reading of a trap as the limit it came from. Instantiations without limits have none, and pay nothing.
/// </summary>
internal sealed class InstanceLimiter
{
    /// <summary>A deadline far enough for stores that are never interrupted, on an engine that checks epochs.</summary>
    private const ulong NoDeadline = 1UL << 62;

    private const int PageBytes = 64 * 1024;

    private readonly Store _store;
    private readonly EpochTicker? _ticker;
    private readonly long _timeoutTicks;
    private readonly List<Memory> _memories = new();
    private readonly List<Table> _tables = new();
    private CancellationTokenRegistration _registration;
    private long _callStart;
    private int _coreInstances;
    private int _interruption; // a ComponentTrapKind set by the epoch callback, read by Classify
    private bool _released;

    private InstanceLimiter(ComponentRuntime runtime, Store store, ComponentLimits limits)
    {
        _store = store;
        Limits = limits;
        if (limits.MemoryBytes is not null || limits.TableElements is not null)
        {
            store.SetLimits(limits.MemoryBytes, limits.TableElements, null, null, null);
        }

        if (limits.NeedsInterruption)
        {
            store.SetEpochDeadlineCallback(OnEpochDeadline);
            store.SetEpochDeadline(1);
            if (limits.CallTimeout is { } timeout)
            {
                _timeoutTicks = Math.Max(1, (long)(timeout.TotalSeconds * Stopwatch.Frequency));
                _ticker = runtime.Ticker;
                _ticker!.Acquire();
            }

            if (limits.CancellationToken.CanBeCanceled)
            {
                // Guest code stops at its next epoch check: advance the epoch now rather than at the next tick.
                _registration = limits.CancellationToken.UnsafeRegister(static t => ((EpochTicker)t!).Tick(), runtime.Ticker);
            }
        }

        _callStart = Stopwatch.GetTimestamp();
    }

    /// <summary>The limits applied.</summary>
    public ComponentLimits Limits { get; }

    /// <summary>
    /// Prepares a new store: on an engine with fuel or epochs, a store without those limits gets fuel and a deadline it
    /// never reaches. Returns the limiter of <paramref name="limits"/>, or null for none.
    /// </summary>
    /// <exception cref="InvalidOperationException">The limits need fuel or epochs, which the engine was built without.</exception>
    public static InstanceLimiter? Create(ComponentRuntime runtime, Store store, ComponentLimits? limits)
    {
        if (limits is not null)
        {
            limits.Validate();
            if (limits.NeedsFuel && !runtime.FuelEnabled)
            {
                throw new InvalidOperationException(
                    "the limits set FuelPerCall, but the runtime's engine does not meter fuel: create the runtime with ComponentRuntimeOptions.EnableFuel (or fuel in its Limits)");
            }

            if (limits.NeedsInterruption && !runtime.InterruptionEnabled)
            {
                throw new InvalidOperationException(
                    "the limits set a CallTimeout or a CancellationToken, but the runtime's engine cannot interrupt guest code: create the runtime with ComponentRuntimeOptions.EnableInterruption (or a timeout in its Limits)");
            }
        }

        if (runtime.FuelEnabled)
        {
            store.Fuel = limits?.FuelPerCall ?? ulong.MaxValue;
        }

        if (runtime.InterruptionEnabled && limits is not { NeedsInterruption: true })
        {
            store.SetEpochDeadline(NoDeadline);
        }

        return limits is null ? null : new InstanceLimiter(runtime, store, limits);
    }

    /// <summary>
    /// Starts a call from outside the instantiation (the host, or another instantiation through a link): refills the
    /// fuel and restarts the deadline; traps when the token was cancelled.
    /// </summary>
    /// <exception cref="ComponentTrapException">The cancellation token was cancelled (<see cref="ComponentTrapKind.Cancelled"/>).</exception>
    public void BeginCall(InstanceState root)
    {
        if (Limits.CancellationToken.IsCancellationRequested)
        {
            root.Poisoned = true;
            throw new ComponentTrapException(ComponentTrapKind.Cancelled, $"{root.Description} was cancelled");
        }

        if (Limits.FuelPerCall is { } fuel)
        {
            _store.Fuel = fuel;
        }

        if (_timeoutTicks != 0)
        {
            _callStart = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Counts a core instance about to be created, trapping past <see cref="ComponentLimits.CoreInstances"/>.</summary>
    /// <exception cref="ComponentTrapException">One more would pass the limit (<see cref="ComponentTrapKind.InstanceLimit"/>).</exception>
    public void CountCoreInstance(InstanceState state)
    {
        if (Limits.CoreInstances is { } max && ++_coreInstances > max)
        {
            throw new ComponentTrapException(
                ComponentTrapKind.InstanceLimit,
                Format($"{state.Description} would create more than {max} core instances, its limit"));
        }
    }

    /// <summary>Records the memories and tables a core instance exports, to tell a trap at their limit (<see cref="Classify"/>).</summary>
    public void Track(Instance instance)
    {
        if (Limits.MemoryBytes is not null)
        {
            _memories.AddRange(instance.GetMemories().Select(m => m.Memory));
        }

        if (Limits.TableElements is not null)
        {
            _tables.AddRange(instance.GetTables().Select(t => t.Table));
        }
    }

    /// <summary>
    /// Reads a trap as the limit it came from: an interruption (deadline, cancellation), fuel, or a memory or table at
    /// its limit (a guest whose <c>memory.grow</c> failed usually aborts). Null for a trap no limit explains.
    /// </summary>
    public (ComponentTrapKind Kind, string Reason)? Classify(CoreTrapException trap)
    {
        switch ((ComponentTrapKind)Interlocked.Exchange(ref _interruption, 0))
        {
            case ComponentTrapKind.Cancelled:
                return (ComponentTrapKind.Cancelled, "the call was cancelled");
            case ComponentTrapKind.DeadlineExceeded:
                return (ComponentTrapKind.DeadlineExceeded, Format($"the call ran past its timeout of {Limits.CallTimeout!.Value.TotalMilliseconds} ms"));
        }

        if (trap.Code == CoreTrapException.OutOfFuel)
        {
            return (ComponentTrapKind.OutOfFuel, Format($"the call used up its fuel ({Limits.FuelPerCall} units)"));
        }

        if (Limits.MemoryBytes is { } bytes && _memories.Any(m => m.GetLength() + PageBytes > bytes))
        {
            return (ComponentTrapKind.MemoryLimit, Format($"a linear memory reached its limit of {bytes} bytes"));
        }

        if (Limits.TableElements is { } elements && _tables.Any(t => t.GetSize() + 1 > elements))
        {
            return (ComponentTrapKind.TableLimit, Format($"a table reached its limit of {elements} elements"));
        }

        return null;
    }

    /// <summary>
    /// Reads a failed core instantiation as a memory or table limit: Wasmtime refuses a module whose initial memory or
    /// table is beyond the store's limits. Null for other failures.
    /// </summary>
    public (ComponentTrapKind Kind, string Reason)? ClassifyInstantiation(string message)
    {
        if (Limits.MemoryBytes is { } bytes && message.Contains("memory", StringComparison.OrdinalIgnoreCase) && message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (ComponentTrapKind.MemoryLimit, Format($"a core module's initial memory is larger than the limit of {bytes} bytes"));
        }

        if (Limits.TableElements is { } elements && message.Contains("table", StringComparison.OrdinalIgnoreCase) && message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (ComponentTrapKind.TableLimit, Format($"a core module's initial table is larger than the limit of {elements} elements"));
        }

        return null;
    }

    /// <summary>Stops the deadline timer and the cancellation registration (the instantiation ended).</summary>
    public void Release()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        _registration.Dispose();
        _ticker?.Release();
    }

    /// <summary>Runs on the guest's thread when it reaches its epoch deadline: traps, or lets it run one more tick.</summary>
    private ulong OnEpochDeadline(Store store)
    {
        if (Limits.CancellationToken.IsCancellationRequested)
        {
            _interruption = (int)ComponentTrapKind.Cancelled;
            throw new OperationCanceledException(Limits.CancellationToken);
        }

        if (_timeoutTicks != 0 && Stopwatch.GetTimestamp() - _callStart > _timeoutTicks)
        {
            _interruption = (int)ComponentTrapKind.DeadlineExceeded;
            throw new TimeoutException("the call ran past its timeout");
        }

        return 1;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
