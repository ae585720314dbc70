using Fixtures.Calc.Calc;
using Fixtures.Calc.Exporter;
using Fixtures.Echoes.Echoes;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Generated bindings check every export's type when they bind an instance, but make the export's function on its
/// first call: a mistyped export still fails the instantiation, and the first call may come late or from another
/// thread.
/// </summary>
public class LazyExportTests
{
    [Fact]
    public void A_mistyped_export_fails_the_instantiation_not_its_first_call()
    {
        // The calc exporter, but `sum` returns s32 where the bindings expect u32.
        var component = Fixture.Runtime.LoadText("""
            (component
              (core module $m
                (func (export "sum") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
              (core instance $m (instantiate $m))
              (type $pair (record (field "a" u32) (field "b" u32)))
              (func $sum (param "p" $pair) (result s32) (canon lift (core func $m "sum")))
              (instance $calc (export "pair" (type $pair)) (export "sum" (func $sum)))
              (export "test:calc/calc" (instance $calc)))
            """);

        var error = Assert.Throws<ComponentLinkException>(() => ExporterWorld.Instantiate(component).Dispose());
        Assert.Contains("'sum' of the exported instance 'test:calc/calc'", error.Message);
    }

    [Fact]
    public void An_export_first_called_from_another_thread_serves_later_calls_from_this_one()
    {
        using var exporter = ExporterWorld.Instantiate(Fixture.CalcExporter);
        uint fromThread = 0;
        var thread = new Thread(() => fromThread = exporter.Calc.Sum(new Pair(20, 22)));
        thread.Start();
        thread.Join();

        Assert.Equal(42u, fromThread);
        Assert.Equal(7u, exporter.Calc.Sum(new Pair(3, 4)));
    }

    [Fact]
    public void Exports_first_called_after_others_each_run_their_own_function()
    {
        using var world = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports());
        Assert.Equal(-5, world.EchoS32(-5));
        Assert.Equal(ulong.MaxValue, world.EchoU64(ulong.MaxValue));
        Assert.Equal("late", world.EchoString("late"));
        Assert.Equal(-6, world.EchoS32(-6));
    }
}
