using BenchmarkDotNet.Attributes;
using Wasmtime;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Benchmarks;

/// <summary>
/// The cost of one call into a component: our runtime's dynamic path, Wasmtime's component API,
/// the raw path generated bindings use, and the core-call floor (Wasmtime .NET's typed Func and our raw <c>wasmtime_func_call_unchecked</c>).
/// </summary>
[MemoryDiagnoser]
public class RuntimeCallBenchmarks
{
    private const string Component = """
        (component
          (core module $m
            (memory (export "memory") 1)
            (global $bump (mut i32) (i32.const 4096))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (global.get $bump))
              (global.set $bump (i32.add (global.get $bump) (local.get 3)))
              (local.get $p))
            (func (export "reset") (param i32) (global.set $bump (i32.const 4096)))
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0)) (i32.store (i32.const 20) (local.get 1)) (i32.const 16)))
          (core instance $i (instantiate $m))
          (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func $echo (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) (post-return (core func $i "reset"))))
          (export "add" (func $add))
          (export "echo" (func $echo)))
        """;

    private static readonly string Text100 = new('x', 100);

    private ComponentRuntime _runtime = null!;
    private ComponentInstance _ours = null!;
    private ComponentFunction _ourAdd = null!;
    private ComponentFunction _ourEcho = null!;
    private RawComponentFunction _ourRawAdd = null!;
    private RawComponentFunction _ourRawEcho = null!;
    private AbiContext _echoContext = null!;
    private Engine _engine = null!;
    private Store _store = null!;
    private Wasmtime.Components.ComponentFunction _theirAdd = null!;
    private Wasmtime.Components.ComponentFunction _theirEcho = null!;
    private Func<int, int, int> _typedAdd = null!;
    private CoreFunction _rawAdd = null!;
    private Store _coreStore = null!;
    private WitValue[] _addArgs = null!;
    private WitValue[] _echoArgs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var bytes = WatText.ToBinary(Component);
        _runtime = new ComponentRuntime();
        _ours = _runtime.Load(bytes).Instantiate();
        _ourAdd = _ours.GetFunction("add")!;
        _ourEcho = _ours.GetFunction("echo")!;
        _ourRawAdd = _ours.GetRawFunction("add")!;
        _ourRawEcho = _ours.GetRawFunction("echo")!;
        _echoContext = _ourRawEcho.CreateContext();
        _addArgs = new[] { WitValue.U32(40), WitValue.U32(2) };
        _echoArgs = new[] { WitValue.String(Text100) };

        _engine = new Engine(new Config().WithComponentModel(true));
        var component = Wasmtime.Components.Component.FromBytes(_engine, bytes);
        var linker = new Wasmtime.Components.ComponentLinker(_engine);
        _store = new Store(_engine);
        var theirs = linker.Instantiate(_store, component);
        _theirAdd = theirs.GetFunction("add")!;
        _theirEcho = theirs.GetFunction("echo")!;

        var module = Module.FromText(_engine, "core", "(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))");
        _coreStore = new Store(_engine);
        var instance = new Instance(_coreStore, module);
        _typedAdd = instance.GetFunction<int, int, int>("add")!;
        _rawAdd = new CoreFunction(instance.GetFunction("add")!);
    }

    /// <summary>add(u32, u32) through this runtime's dynamic (WitValue) path.</summary>
    [Benchmark]
    public uint AddOursDynamic() => _ourAdd.Invoke(_addArgs)[0].AsU32();

    /// <summary>add(u32, u32) through the raw path generated bindings use.</summary>
    [Benchmark]
    public uint AddOursRaw()
    {
        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0] = RawValue.FromU32(40);
        slots[1] = RawValue.FromU32(2);
        var entered = _ourRawAdd.Call(slots);
        var sum = slots[0].U32;
        _ourRawAdd.Complete(entered, slots);
        return sum;
    }

    /// <summary>add(u32, u32) through Wasmtime.Components.</summary>
    [Benchmark(Baseline = true)]
    public uint AddWasmtimeComponents() => _theirAdd.Call(CV.U32(40), CV.U32(2))!.AsU32();

    /// <summary>The floor: a core add through Wasmtime .NET's typed Func.</summary>
    [Benchmark]
    public int AddCoreTypedFunc() => _typedAdd(40, 2);

    /// <summary>The floor: a core add through wasmtime_func_call_unchecked with stack slots.</summary>
    [Benchmark]
    public int AddCoreRaw()
    {
        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0] = RawValue.FromI32(40);
        slots[1] = RawValue.FromI32(2);
        _rawAdd.Call(slots);
        return slots[0].I32;
    }

    /// <summary>100-byte string echo through this runtime's dynamic path.</summary>
    [Benchmark]
    public string EchoOursDynamic() => _ourEcho.Invoke(_echoArgs)[0].AsString();

    /// <summary>100-byte string echo through the raw path generated bindings use.</summary>
    [Benchmark]
    public string EchoOursRaw()
    {
        Span<RawValue> slots = stackalloc RawValue[2];
        var slice = CanonicalAbi.LowerString(_echoContext, Text100);
        slots[0] = RawValue.FromU32(slice.Pointer);
        slots[1] = RawValue.FromU32(slice.Length);
        var entered = _ourRawEcho.Call(slots);
        try
        {
            return CanonicalAbi.LoadString(_echoContext, slots[0].U32);
        }
        finally
        {
            _ourRawEcho.Complete(entered, slots);
        }
    }

    /// <summary>100-byte string echo through Wasmtime.Components.</summary>
    [Benchmark]
    public string EchoWasmtimeComponents() => _theirEcho.Call(CV.String(Text100))!.AsString();
}
