using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using Xunit;

namespace WitBindgen.Runtime.Tests.Interop;

public class CoreFunctionTests
{
    private const string Wat = """
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "mix") (param i64 f32 f64) (result f64)
            local.get 0 f64.convert_i64_s local.get 1 f64.promote_f32 f64.add local.get 2 f64.add)
          (func (export "boom") unreachable))
        """;

    [Fact]
    public void Calls_with_raw_slots_and_reads_results()
    {
        using var engine = new Engine();
        using var module = Module.FromText(engine, "m", Wat);
        using var store = new Store(engine);
        var instance = new Instance(store, module);
        var add = new CoreFunction(instance.GetFunction("add")!);
        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0].I32 = 40;
        slots[1].I32 = 2;
        add.Call(slots);
        Assert.Equal(42, slots[0].I32);

        var mix = new CoreFunction(instance.GetFunction("mix")!);
        Span<RawValue> s3 = stackalloc RawValue[3];
        s3[0].I64 = 1L << 40;
        s3[1].F32 = 0.5f;
        s3[2].F64 = 0.25;
        mix.Call(s3);
        Assert.Equal((1L << 40) + 0.75, s3[0].F64);
    }

    [Fact]
    public void Traps_become_exceptions_and_the_store_stays_usable()
    {
        using var engine = new Engine();
        using var module = Module.FromText(engine, "m", Wat);
        using var store = new Store(engine);
        var instance = new Instance(store, module);
        var boom = new CoreFunction(instance.GetFunction("boom")!);
        var e = Assert.Throws<CoreTrapException>(() => boom.Call(Span<RawValue>.Empty));
        Assert.Contains("unreachable", e.Message);

        var add = new CoreFunction(instance.GetFunction("add")!);
        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0].I32 = 1;
        slots[1].I32 = 2;
        add.Call(slots);
        Assert.Equal(3, slots[0].I32);
    }

    [Fact]
    public void Short_slot_arrays_are_rejected()
    {
        using var engine = new Engine();
        using var module = Module.FromText(engine, "m", Wat);
        using var store = new Store(engine);
        var add = new CoreFunction(new Instance(store, module).GetFunction("add")!);
        Assert.Throws<ArgumentException>(() => add.Call(new RawValue[1]));
    }
}
