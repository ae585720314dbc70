using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Limits;

/// <summary>
/// One test per limit of <see cref="ComponentLimits"/>: going past it raises a <see cref="ComponentTrapException"/> of
/// its own kind, the instance is poisoned (a later call traps too), and other instances and the host carry on.
/// </summary>
public class LimitTests
{
    private const int Page = 64 * 1024;

    private static readonly ComponentRuntime Plain = new();

    private static readonly ComponentRuntime Metered = new(new ComponentRuntimeOptions { EnableFuel = true, EnableInterruption = true });

    private static ComponentTrapException AssertTrap(ComponentInstance instance, ComponentTrapKind kind, string function, params WitValue[] arguments)
    {
        var f = instance.GetFunction(function)!;
        var trap = Assert.Throws<ComponentTrapException>(() => f.Invoke(arguments));
        Assert.Equal(kind, trap.Kind);
        Assert.True(instance.State.Poisoned);
        Assert.Throws<ComponentTrapException>(() => f.Invoke(arguments));
        return trap;
    }

    /// <summary>Another instance of the same runtime, without limits, still works.</summary>
    private static void OthersCarryOn(ComponentRuntime runtime)
    {
        using var other = runtime.LoadText(LimitGuests.One).Instantiate();
        Assert.Equal(1u, other.GetFunction("one")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void Memory_growth_past_the_limit_fails_and_the_abort_after_it_is_a_memory_limit_trap()
    {
        var limits = new ComponentLimits { MemoryBytes = 4 * Page };
        var component = Plain.LoadText(LimitGuests.Memory);
        using (var instance = component.Instantiate(null, limits))
        {
            // memory.grow past the limit returns -1 to the guest, as the specification lets it.
            Assert.Equal(-1, instance.GetFunction("grow")!.Invoke(WitValue.U32(10))[0].AsS32());
            Assert.Equal(1, instance.GetFunction("grow")!.Invoke(WitValue.U32(3))[0].AsS32());
            var trap = AssertTrap(instance, ComponentTrapKind.MemoryLimit, "grow-until-failure");
            Assert.Contains("262144 bytes", trap.Message, StringComparison.Ordinal);
        }

        using var unlimited = component.Instantiate();
        Assert.Equal(1, unlimited.GetFunction("grow")!.Invoke(WitValue.U32(10))[0].AsS32());
        OthersCarryOn(Plain);
    }

    [Fact]
    public void A_module_whose_initial_memory_is_over_the_limit_is_refused()
    {
        var component = Plain.LoadText(LimitGuests.InitialMemory(8));
        var trap = Assert.Throws<ComponentTrapException>(() => component.Instantiate(null, new ComponentLimits { MemoryBytes = 4 * Page }));
        Assert.Equal(ComponentTrapKind.MemoryLimit, trap.Kind);
        using var fits = component.Instantiate(null, new ComponentLimits { MemoryBytes = 8 * Page });
        OthersCarryOn(Plain);
    }

    [Fact]
    public void Table_growth_past_the_limit_is_a_table_limit_trap()
    {
        using var instance = Plain.LoadText(LimitGuests.Table).Instantiate(null, new ComponentLimits { TableElements = 100 });
        var trap = AssertTrap(instance, ComponentTrapKind.TableLimit, "grow-until-failure");
        Assert.Contains("100 elements", trap.Message, StringComparison.Ordinal);
        OthersCarryOn(Plain);
    }

    [Fact]
    public void More_core_instances_than_the_limit_are_refused_at_instantiation()
    {
        var component = Plain.LoadText(LimitGuests.ThreeCoreInstances);
        var trap = Assert.Throws<ComponentTrapException>(() => component.Instantiate(null, new ComponentLimits { CoreInstances = 2 }));
        Assert.Equal(ComponentTrapKind.InstanceLimit, trap.Kind);
        Assert.Contains("more than 2 core instances", trap.Message, StringComparison.Ordinal);
        using var fits = component.Instantiate(null, new ComponentLimits { CoreInstances = 3 });
        Assert.Equal(1u, fits.GetFunction("one")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void More_handles_than_the_limit_is_a_handle_limit_trap()
    {
        var component = Plain.LoadText(LimitGuests.Handles);
        using (var instance = component.Instantiate(null, new ComponentLimits { HandlesPerTable = 10 }))
        {
            Assert.Equal(10u, instance.GetFunction("make")!.Invoke(WitValue.U32(10))[0].AsU32());
            AssertTrap(instance, ComponentTrapKind.HandleLimit, "make", WitValue.U32(1));
        }

        using var unlimited = component.Instantiate();
        Assert.Equal(1000u, unlimited.GetFunction("make")!.Invoke(WitValue.U32(1000))[0].AsU32());
    }

    [Fact]
    public void A_string_longer_than_the_limit_is_a_value_too_large_trap()
    {
        var component = Plain.LoadText(LimitGuests.Values);
        var limits = new ComponentLimits { StringBytes = 100 };
        using (var instance = component.Instantiate(null, limits))
        {
            Assert.Equal(new string('a', 100), instance.GetFunction("text")!.Invoke(WitValue.U32(100))[0].AsString());
            var trap = AssertTrap(instance, ComponentTrapKind.ValueTooLarge, "text", WitValue.U32(101));
            Assert.Contains("101 bytes", trap.Message, StringComparison.Ordinal);
        }

        OthersCarryOn(Plain);
    }

    [Fact]
    public void A_list_longer_than_the_limit_is_a_value_too_large_trap()
    {
        var component = Plain.LoadText(LimitGuests.Values);
        using (var instance = component.Instantiate(null, new ComponentLimits { ListElements = 50 }))
        {
            Assert.Equal(50, instance.GetFunction("bytes")!.Invoke(WitValue.U32(50))[0].Items.Length);
            var trap = AssertTrap(instance, ComponentTrapKind.ValueTooLarge, "bytes", WitValue.U32(51));
            Assert.Contains("51 elements", trap.Message, StringComparison.Ordinal);
        }

        OthersCarryOn(Plain);
    }

    [Fact]
    public void A_raw_call_is_limited_as_a_dynamic_one()
    {
        using var instance = Plain.LoadText(LimitGuests.Values).Instantiate(null, new ComponentLimits { StringBytes = 10 });
        var text = instance.GetRawFunction("text")!;
        var cx = text.CreateContext();
        var slots = new RawValue[1];
        slots[0] = RawValue.FromU32(11);
        var entered = text.Call(slots);
        var trap = Assert.Throws<ComponentTrapException>(() => CanonicalAbi.LoadString(cx, slots[0].U32));
        text.Abort(entered, trap);
        Assert.Equal(ComponentTrapKind.ValueTooLarge, trap.Kind);
        Assert.True(instance.State.Poisoned);
    }

    [Fact]
    public void Running_out_of_fuel_is_an_out_of_fuel_trap_and_each_call_gets_its_fuel_again()
    {
        var component = Metered.LoadText(LimitGuests.Time);
        using (var instance = component.Instantiate(null, new ComponentLimits { FuelPerCall = 100_000 }))
        {
            // Each call costs more than half the fuel: it is refilled for every call.
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(10_000u, instance.GetFunction("count")!.Invoke(WitValue.U32(10_000))[0].AsU32());
            }

            var trap = AssertTrap(instance, ComponentTrapKind.OutOfFuel, "spin");
            Assert.Contains("100000 units", trap.Message, StringComparison.Ordinal);
        }

        // An instance without limits on the same (fuel-metering) engine is not metered.
        using var unlimited = component.Instantiate();
        Assert.Equal(1_000_000u, unlimited.GetFunction("count")!.Invoke(WitValue.U32(1_000_000))[0].AsU32());
        OthersCarryOn(Metered);
    }

    [Fact]
    public void A_call_past_its_timeout_is_a_deadline_exceeded_trap()
    {
        var component = Metered.LoadText(LimitGuests.Time);
        using (var instance = component.Instantiate(null, new ComponentLimits { CallTimeout = TimeSpan.FromMilliseconds(100) }))
        {
            Assert.Equal(1000u, instance.GetFunction("count")!.Invoke(WitValue.U32(1000))[0].AsU32());
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var trap = AssertTrap(instance, ComponentTrapKind.DeadlineExceeded, "spin");
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(20));
            Assert.Contains("100 ms", trap.Message, StringComparison.Ordinal);
        }

        OthersCarryOn(Metered);
    }

    [Fact]
    public void Cancelling_the_token_interrupts_a_running_guest_and_later_calls()
    {
        var component = Metered.LoadText(LimitGuests.Time);
        using var cancellation = new CancellationTokenSource();
        using var other = component.Instantiate(null, new ComponentLimits { CancellationToken = CancellationToken.None, CallTimeout = TimeSpan.FromSeconds(60) });
        using (var instance = component.Instantiate(null, new ComponentLimits { CancellationToken = cancellation.Token }))
        {
            Assert.Equal(5u, instance.GetFunction("count")!.Invoke(WitValue.U32(5))[0].AsU32());
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));
            var trap = AssertTrap(instance, ComponentTrapKind.Cancelled, "spin");
            Assert.Contains("cancelled", trap.Message, StringComparison.Ordinal);
        }

        // The epoch advanced for the cancellation; an instance with a distant deadline is not disturbed.
        Assert.Equal(100_000u, other.GetFunction("count")!.Invoke(WitValue.U32(100_000))[0].AsU32());
    }

    [Fact]
    public void An_instance_whose_token_was_cancelled_before_the_call_traps_at_once()
    {
        using var instance = Metered.LoadText(LimitGuests.Time).Instantiate(null, new ComponentLimits { CancellationToken = new CancellationToken(true) });
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("count")!.Invoke(WitValue.U32(1)));
        Assert.Equal(ComponentTrapKind.Cancelled, trap.Kind);
        Assert.True(instance.State.Poisoned);
    }

    [Fact]
    public void Runtime_limits_apply_to_every_instance_and_an_instantiation_may_replace_them()
    {
        using var runtime = new ComponentRuntime(new ComponentRuntimeOptions { Limits = new ComponentLimits { FuelPerCall = 10_000 } });
        Assert.True(runtime.FuelEnabled);
        Assert.False(runtime.InterruptionEnabled);
        var component = runtime.LoadText(LimitGuests.Time);
        using (var instance = component.Instantiate())
        {
            AssertTrap(instance, ComponentTrapKind.OutOfFuel, "count", WitValue.U32(1_000_000));
        }

        using var own = component.Instantiate(null, new ComponentLimits { FuelPerCall = 100_000_000 });
        Assert.Equal(1_000_000u, own.GetFunction("count")!.Invoke(WitValue.U32(1_000_000))[0].AsU32());
    }

    [Fact]
    public void Time_limits_need_an_engine_built_for_them()
    {
        var component = Plain.LoadText(LimitGuests.Time);
        Assert.False(Plain.FuelEnabled);
        Assert.False(Plain.InterruptionEnabled);
        Assert.Throws<InvalidOperationException>(() => component.Instantiate(null, new ComponentLimits { FuelPerCall = 1 }));
        Assert.Throws<InvalidOperationException>(() => component.Instantiate(null, new ComponentLimits { CallTimeout = TimeSpan.FromSeconds(1) }));
        using var source = new CancellationTokenSource();
        Assert.Throws<InvalidOperationException>(() => component.Instantiate(null, new ComponentLimits { CancellationToken = source.Token }));
        Assert.Throws<ArgumentOutOfRangeException>(() => component.Instantiate(null, new ComponentLimits { MemoryBytes = -1 }));
    }

    [Fact]
    public void Deep_recursion_is_a_stack_overflow_trap()
    {
        using var instance = Plain.LoadText(LimitGuests.Time).Instantiate();
        var trap = AssertTrap(instance, ComponentTrapKind.StackOverflow, "recurse", WitValue.U32(0));
        Assert.Contains("stack", trap.Message, StringComparison.OrdinalIgnoreCase);
        OthersCarryOn(Plain);
    }
}
