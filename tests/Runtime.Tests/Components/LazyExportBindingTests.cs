using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Generated bindings check every export when the component is instantiated (so a missing or mistyped export is a link
/// error then, never at its first call) but make an export's function (<see cref="ExportFunction"/>) and its call
/// machinery on its first call.
/// </summary>
public class LazyExportBindingTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Component = """
        (component
          (core module $m
            (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
            (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
          (core instance $i (instantiate $m))
          (func $twice (param "x" s32) (result s32) (canon lift (core func $i "twice")))
          (func $inc (param "x" s32) (result s32) (canon lift (core func $i "inc")))
          (instance $math (export "twice" (func $twice)) (export "inc" (func $inc)))
          (export "test:lazy/math" (instance $math))
          (export "inc" (func $inc)))
        """;

    private static readonly AbiFunctionType S32ToS32 = new([AbiType.S32], [AbiType.S32]);

    private static int Call(ExportFunction function, int argument)
    {
        Span<RawValue> slots = stackalloc RawValue[1];
        slots[0] = RawValue.FromI32(argument);
        var entered = function.Call(slots);
        function.Complete(entered, slots);
        return slots[0].I32;
    }

    [Fact]
    public void An_export_first_called_after_others_runs_its_own_function()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var twice = instance.BindFunction("test:lazy/math", "twice", S32ToS32);
        var inc = instance.BindFunction("test:lazy/math", "inc", S32ToS32);
        var top = instance.BindFunction(null, "inc", S32ToS32);

        Assert.Equal(8, Call(inc, 7));
        Assert.Equal(9, Call(inc, 8));
        Assert.Equal(14, Call(twice, 7));
        Assert.Equal(1, Call(top, 0));
    }

    [Fact]
    public void The_raw_function_is_made_once_and_named_as_the_export()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var twice = instance.BindFunction("test:lazy/math", "twice", S32ToS32);
        var top = instance.BindFunction(null, "inc", S32ToS32);

        Assert.Same(twice.Function, twice.Function);
        Assert.Equal("test:lazy/math#twice", twice.Function.Name);
        Assert.Equal("inc", top.Function.Name);
        Assert.Equal(S32ToS32.ToString(), twice.Function.Type.ToString());
    }

    [Fact]
    public void A_missing_or_mistyped_export_is_refused_when_binding_not_at_its_first_call()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var mistyped = Assert.Throws<ComponentLinkException>(() => instance.BindFunction("test:lazy/math", "twice", new AbiFunctionType([AbiType.U32], [AbiType.S32])));
        Assert.Contains("'twice' of the exported instance 'test:lazy/math' has type func(s32) -> s32", mistyped.Message);
        var missing = Assert.Throws<ComponentLinkException>(() => instance.BindFunction("test:lazy/math", "thrice", S32ToS32));
        Assert.Equal("the component does not export the function 'thrice' of the exported instance 'test:lazy/math'", missing.Message);
    }

    [Fact]
    public void A_missing_or_mistyped_export_is_refused_by_the_check_before_any_call()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        instance.CheckFunction("test:lazy/math", "twice", S32ToS32);
        instance.CheckFunction(null, "inc", S32ToS32);
        var mistyped = Assert.Throws<ComponentLinkException>(() => instance.CheckFunction(null, "inc", new AbiFunctionType([AbiType.S32], [AbiType.U32])));
        Assert.Contains("'inc' has type func(s32) -> s32", mistyped.Message);
        var missing = Assert.Throws<ComponentLinkException>(() => instance.CheckFunction(null, "thrice", S32ToS32));
        Assert.Equal("the component does not export the function 'thrice'", missing.Message);
    }

    [Fact]
    public void A_function_bound_on_its_first_call_is_stored_and_runs_its_own_export()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        ExportFunction? twiceField = null;
        ExportFunction? incField = null;

        var inc = ExportBinding.BindOnFirstCall(ref incField, instance, "test:lazy/math", "inc");
        Assert.Same(inc, incField);
        Assert.Null(twiceField);
        Assert.Equal(8, Call(inc, 7));

        // Bound after the other one was called.
        var twice = ExportBinding.BindOnFirstCall(ref twiceField, instance, "test:lazy/math", "twice");
        Assert.Same(twice, twiceField);
        Assert.Equal(14, Call(twice, 7));
        Assert.Equal("test:lazy/math#twice", twice.Function.Name);

        // A field already set keeps its function.
        Assert.Same(twice, ExportBinding.BindOnFirstCall(ref twiceField, instance, "test:lazy/math", "twice"));
        Assert.Throws<ComponentLinkException>(() =>
        {
            ExportFunction? missing = null;
            ExportBinding.BindOnFirstCall(ref missing, instance, null, "thrice");
        });
    }

    [Fact]
    public void Threads_racing_to_the_first_call_all_get_the_function_stored_first()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        for (var round = 0; round < 20; round++)
        {
            var holder = new Holder();
            using var start = new Barrier(4);
            var seen = new ExportFunction[4];
            var threads = Enumerable.Range(0, 4).Select(k => new Thread(() =>
            {
                start.SignalAndWait();
                seen[k] = ExportBinding.BindOnFirstCall(ref holder.Field, instance, "test:lazy/math", "twice");
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.NotNull(holder.Field);
            Assert.All(seen, f => Assert.Same(holder.Field, f));
            Assert.Equal(10, Call(holder.Field!, 5));
        }
    }

    private sealed class Holder
    {
        public ExportFunction? Field;
    }
}
