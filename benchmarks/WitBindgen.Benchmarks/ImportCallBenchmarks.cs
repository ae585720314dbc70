using BenchmarkDotNet.Attributes;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Benchmarks;

/// <summary>
/// The cost of a guest calling a host import: an export <c>sum(x)</c> whose core code calls the
/// imported <c>add(x, 2)</c> once, with the import implemented on the dynamic path
/// (<see cref="HostFunction"/>) or the raw path (<see cref="RawHostFunction"/>).
/// </summary>
[MemoryDiagnoser]
public class ImportCallBenchmarks
{
    private const string Component = """
        (component
          (import "add" (func $add (param "a" u32) (param "b" u32) (result u32)))
          (core func $add (canon lower (func $add)))
          (core module $m
            (import "host" "add" (func $add (param i32 i32) (result i32)))
            (func (export "sum") (param i32) (result i32) (call $add (local.get 0) (i32.const 2))))
          (core instance $i (instantiate $m (with "host" (instance (export "add" (func $add))))))
          (func $sum (param "x" u32) (result u32) (canon lift (core func $i "sum")))
          (export "sum" (func $sum)))
        """;

    private ComponentInstance _dynamic = null!;
    private ComponentInstance _raw = null!;
    private RawComponentFunction _dynamicSum = null!;
    private RawComponentFunction _rawSum = null!;

    [GlobalSetup]
    public void Setup()
    {
        var runtime = new ComponentRuntime();
        var component = runtime.Load(WatText.ToBinary(Component));
        _dynamic = component.Instantiate(new HostImports().DefineFunction("add", args => [WitValue.U32(args[0].AsU32() + args[1].AsU32())]));
        _raw = component.Instantiate(new HostImports().DefineRawFunction(
            "add",
            new AbiFunctionType([AbiType.U32, AbiType.U32], [AbiType.U32]),
            (_, slots) => slots[0] = RawValue.FromU32(slots[0].U32 + slots[1].U32)));
        _dynamicSum = _dynamic.GetRawFunction("sum")!;
        _rawSum = _raw.GetRawFunction("sum")!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dynamic.Dispose();
        _raw.Dispose();
    }

    /// <summary>Raw export call; the import is a dynamic <see cref="HostFunction"/>.</summary>
    [Benchmark(Baseline = true)]
    public uint ImportDynamic() => Sum(_dynamicSum);

    /// <summary>Raw export call; the import is a <see cref="RawHostFunction"/>.</summary>
    [Benchmark]
    public uint ImportRaw() => Sum(_rawSum);

    private static uint Sum(RawComponentFunction function)
    {
        Span<RawValue> slots = stackalloc RawValue[1];
        slots[0] = RawValue.FromU32(40);
        var entered = function.Call(slots);
        var result = slots[0].U32;
        function.Complete(entered, slots);
        return result;
    }
}
