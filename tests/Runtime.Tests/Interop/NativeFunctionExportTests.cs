using System.Collections;
using System.Reflection;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using Xunit;
using Module = Wasmtime.Module;

namespace WitBindgen.Runtime.Tests.Interop;

/// <summary>
/// Function exports read with the C API (<c>NativeInstantiation.GetFunction</c>): callable wrappers with the module's
/// signature that Wasmtime .NET's store does not keep, so a live component instance holds only the ones it uses.
/// </summary>
public class NativeFunctionExportTests
{
    private const string Wat = """
        (module
          (memory (export "memory") 1)
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "wide") (param i64 f64) (result f64) local.get 0 f64.convert_i64_s local.get 1 f64.add))
        """;

    [Fact]
    public void A_function_export_is_callable_with_the_modules_signature_and_not_cached_in_the_store()
    {
        Assert.True(NativeInstantiation.CanReadFunctions);
        using var engine = new Engine();
        using var module = Module.FromText(engine, "m", Wat);
        using var store = new Store(engine);
        var instance = new Instance(store, module);
        var handle = NativeInstantiation.Handle(instance);

        var add = NativeInstantiation.GetFunction(store, handle, module, "add")!;
        Assert.Equal([ValueKind.Int32, ValueKind.Int32], add.Parameters);
        Assert.Equal([ValueKind.Int32], add.Results);
        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0].I32 = 40;
        slots[1].I32 = 2;
        new CoreFunction(add).Call(slots);
        Assert.Equal(42, slots[0].I32);

        var wide = NativeInstantiation.GetFunction(store, handle, module, "wide")!;
        Assert.Equal([ValueKind.Int64, ValueKind.Float64], wide.Parameters);
        Assert.Equal(3.5, (double)wide.Invoke(3L, 0.5)!);

        // The signature lists are the module's own, shared by every instance.
        var again = NativeInstantiation.GetFunction(store, NativeInstantiation.Handle(new Instance(store, module)), module, "add")!;
        Assert.Same(add.Parameters, again.Parameters);

        var cache = (ICollection)typeof(Store).GetField("_externFunctionCache", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(store)!;
        Assert.Empty(cache);
    }

    [Fact]
    public void A_missing_export_or_one_that_is_no_function_is_null()
    {
        using var engine = new Engine();
        using var module = Module.FromText(engine, "m", Wat);
        using var store = new Store(engine);
        var handle = NativeInstantiation.Handle(new Instance(store, module));

        Assert.Null(NativeInstantiation.GetFunction(store, handle, module, "memory"));
        Assert.Null(NativeInstantiation.GetFunction(store, handle, module, "nothing"));
    }
}
