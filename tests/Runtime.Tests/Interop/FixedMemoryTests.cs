using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime.Interop;
using Xunit;

namespace WitBindgen.Runtime.Tests.Interop;

/// <summary>
/// The runtime's engines keep linear memories in place (<see cref="FixedMemories"/>): guests can still grow their
/// memory far, a memory view keeps its base, and a length the view read before the memory grew is only a lower
/// bound: an access beyond it makes the view read the size again, and one beyond the memory still traps.
/// </summary>
public class FixedMemoryTests
{
    private const int Page = 65536;

    /// <summary>
    /// <c>grow-and-tell</c> grows the memory by one page and returns the string "grown", whose bytes and whose return
    /// area both lie in the new page; <c>tell-at</c> returns a string of <c>len</c> bytes at <c>ptr</c>.
    /// </summary>
    private const string Component = """
        (component
          (core module $m
            (memory (export "memory") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8))
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
            (func (export "grow-and-tell") (result i32)
              (local $end i32)
              (local.set $end (i32.mul (memory.grow (i32.const 1)) (i32.const 65536)))
              (i32.store8 (local.get $end) (i32.const 103))
              (i32.store8 (i32.add (local.get $end) (i32.const 1)) (i32.const 114))
              (i32.store8 (i32.add (local.get $end) (i32.const 2)) (i32.const 111))
              (i32.store8 (i32.add (local.get $end) (i32.const 3)) (i32.const 119))
              (i32.store8 (i32.add (local.get $end) (i32.const 4)) (i32.const 110))
              (i32.store (i32.add (local.get $end) (i32.const 8)) (local.get $end))
              (i32.store (i32.add (local.get $end) (i32.const 12)) (i32.const 5))
              (i32.add (local.get $end) (i32.const 8)))
            (func (export "tell-at") (param i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0))
              (i32.store (i32.const 4) (local.get 1))
              (i32.const 0)))
          (core instance $i (instantiate $m))
          (func (export "grow") (param "pages" u32) (result s32) (canon lift (core func $i "grow")))
          (func (export "grow-and-tell") (result string)
            (canon lift (core func $i "grow-and-tell") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
          (func (export "tell-at") (param "ptr" u32) (param "len" u32) (result string)
            (canon lift (core func $i "tell-at") (memory (core memory $i "memory")) (realloc (core func $i "realloc")))))
        """;

    [Fact]
    public void A_guest_grows_its_memory_past_64_MiB()
    {
        using var runtime = new ComponentRuntime();
        using var instance = runtime.LoadText(Component).Instantiate();
        var grow = instance.GetFunction("grow")!;

        Assert.Equal(1, grow.Invoke(WitValue.U32(1100))[0].AsS32());
        Assert.Equal(1101, grow.Invoke(WitValue.U32(1))[0].AsS32());
        Assert.Equal(1102L * Page, instance.LinearMemoryBytes);
    }

    [Fact]
    public void A_result_in_memory_the_guest_just_grew_is_read_after_the_view_asks_for_the_size_again()
    {
        using var runtime = new ComponentRuntime();
        using var instance = runtime.LoadText(Component).Instantiate();
        var function = instance.GetRawFunction("grow-and-tell")!;
        var cx = function.CreateContext();
        var before = cx.GetMemory();
        Assert.Equal(Page, before.Length);

        Span<RawValue> slots = stackalloc RawValue[1];
        var entered = function.Call(slots);
        string text;
        Span<byte> memory;
        try
        {
            var pointer = AbiHelpers.CheckRegion(cx, slots[0].U32, 8, 4, "results");
            text = CanonicalAbi.LoadString(cx, pointer);
            memory = cx.GetMemory();
        }
        finally
        {
            function.Complete(entered, slots);
        }

        Assert.Equal("grown", text);
        Assert.Equal(2 * Page, memory.Length);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(before), ref MemoryMarshal.GetReference(memory)), "the memory moved");
    }

    [Fact]
    public void A_pointer_beyond_the_grown_memory_still_traps()
    {
        using var runtime = new ComponentRuntime();
        using var instance = runtime.LoadText(Component).Instantiate();
        Assert.Equal(1, instance.GetFunction("grow")!.Invoke(WitValue.U32(1))[0].AsS32());
        var tellAt = instance.GetRawFunction("tell-at")!;
        var cx = tellAt.CreateContext();

        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0] = RawValue.FromU32(2 * Page - 2);
        slots[1] = RawValue.FromU32(3);
        var entered = tellAt.Call(slots);
        var pointer = AbiHelpers.CheckRegion(cx, slots[0].U32, 8, 4, "results");
        ComponentTrapException trap;
        try
        {
            trap = Assert.Throws<ComponentTrapException>(() => CanonicalAbi.LoadString(cx, pointer));
        }
        finally
        {
            tellAt.Abort(entered, new InvalidOperationException("test"));
        }

        Assert.Equal(ComponentTrapKind.OutOfBounds, trap.Kind);
    }

    [Fact]
    public void A_view_reads_the_size_again_only_when_an_access_reaches_past_what_it_read()
    {
        using var runtime = new ComponentRuntime();
        using var store = new Store(runtime.Engine);
        var memory = new Memory(store, 1);
        var view = NativeMemoryView.TryCreate(memory)!;
        var first = view.GetSpan();
        Assert.Equal(Page, first.Length);

        // Grown by the host: no guest code ran, so the store's epoch did not move and the view's reading is stale.
        Assert.Equal(1, memory.Grow(1000));
        Assert.Equal(Page, view.GetSpan(Page).Length);

        var grown = view.GetSpan(Page + 1);
        Assert.Equal(1001 * Page, grown.Length);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(first), ref MemoryMarshal.GetReference(grown)), "the memory moved");

        // Past the memory: the span is the memory's true length, so a bounds check against it fails.
        Assert.Equal(1001 * Page, view.GetSpan(1002UL * Page).Length);
    }
}
