using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Links between sibling instances of a composed binary compiled to wasm adapters: the same values, traps (kind,
/// message, which instances are poisoned afterwards) and post-return as the host-side adapter, whose runtime here
/// has the wasm adapters switched off; the calls really stay in wasm; other shapes and live links keep the host path.
/// </summary>
public class WasmAdapterTests
{
    private static readonly ComponentRuntime Wasm = new() { WasmAdapters = true };
    private static readonly ComponentRuntime Host = new() { WasmAdapters = false };

    private static WitValue[] Args(params WitValue[] values) => values;

    /// <summary>A call of the composed binary's export and what it must give.</summary>
    public static TheoryData<string, WitValue[], string> Calls => new()
    {
        { "mirror-at", Args(WitValue.U32(2048)), "123" },
        { "rec", Args(WitValue.U32(0x1FF), WitValue.U32(0x18000), WitValue.U32(5)), "-31767745" },
        { "mirror-at", Args(WitValue.U32(2050)), "trap Misaligned" },
        { "mirror-at", Args(WitValue.U32(0xFFFC)), "trap OutOfBounds" },
        { "bad-mirror", Args(), "trap Misaligned" },
        { "sum-n", Args(WitValue.U32(100)), "4950" },
        { "sum-n", Args(WitValue.U32(0)), "0" },
        { "sum8-n", Args(WitValue.U32(10)), "45" },
        { "sum-at", Args(WitValue.U32(1026), WitValue.U32(2)), "trap Misaligned" },
        { "sum-at", Args(WitValue.U32(0xFFF0), WitValue.U32(8)), "trap OutOfBounds" },
        { "sum-at", Args(WitValue.U32(0), WitValue.U32(0x10000000)), "trap LengthTooLarge" },
        { "mode 1: sum-n", Args(WitValue.U32(3)), "trap ReallocMisaligned" },
        { "mode 2: sum-n", Args(WitValue.U32(3)), "trap ReallocOutOfBounds" },
        { "mode 3: sum-n", Args(WitValue.U32(3)), "trap Other" },
        { "add", Args(WitValue.U32(40), WitValue.U32(2)), "42" },
        { "s8", Args(WitValue.U32(0x1FF)), "-1" },
        { "u8", Args(WitValue.U32(0x1FF)), "255" },
        { "s16", Args(WitValue.U32(0x18000)), "-32768" },
        { "u16", Args(WitValue.U32(0x1FFFF)), "65535" },
        { "bool", Args(WitValue.U32(2)), "1" },
        { "char", Args(WitValue.U32(0x1F600)), "128512" },
        { "char", Args(WitValue.U32(0xD800)), "trap InvalidChar" },
        { "char", Args(WitValue.U32(0x110000)), "trap InvalidChar" },
        { "u64", Args(WitValue.U64(ulong.MaxValue)), "18446744073709551615" },
        { "f32", Args(WitValue.U32(0x7fc00001)), "2143289344" },
        { "f32", Args(WitValue.U32(0x3fc00000)), "1069547520" },
        { "f64", Args(WitValue.U64(0x7ff0000000000001)), "9221120237041090560" },
        { "wide-s8", Args(), "-1" },
        { "wide-u8", Args(), "255" },
        { "wide-bool", Args(), "1" },
        { "nan", Args(), "2143289344" },
        { "loop", Args(WitValue.U32(100)), "5050" },
        { "boom", Args(), "trap Other" },
        { "post-boom", Args(WitValue.U32(3)), "trap Other" },
        { "leave-in-post", Args(), "trap Other" },
        { "call-back", Args(), "trap Reentrance" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Wasm_adapters_behave_as_the_host_side_adapter(string name, WitValue[] arguments, string expected)
    {
        var wasm = Run(Wasm, name, arguments);
        var host = Run(Host, name, arguments);

        Assert.StartsWith(expected, wasm[0]);
        Assert.Equal(host, wasm);
    }

    [Theory]
    [InlineData("boom", true)]
    [InlineData("post-boom", true)]
    [InlineData("call-back", true)]
    [InlineData("char", false)]
    [InlineData("mode 1: sum-n", true)]
    [InlineData("bad-mirror", true)]
    [InlineData("mode 3: sum-n", true)]
    public void A_trap_poisons_the_caller_and_the_callee_when_it_is_the_callee_s(string name, bool calleePoisoned)
    {
        var outcome = Run(Wasm, name, name == "char" ? [WitValue.U32(0xD800)] : name.EndsWith("sum-n", StringComparison.Ordinal) || name == "post-boom" ? [WitValue.U32(1)] : []);

        Assert.StartsWith("trap", outcome[0]);
        Assert.StartsWith("trap Other", outcome[1]); // A: unusable
        Assert.Equal(calleePoisoned, outcome[2].StartsWith("trap Other", StringComparison.Ordinal)); // B's ping
    }

    [Fact]
    public void Post_return_receives_the_callee_s_result_after_the_call()
    {
        var outcome = Run(Wasm, "add", [WitValue.U32(40), WitValue.U32(2)]);

        Assert.Equal(["42", "5", "7", "42", "2"], outcome);
    }

    [Fact]
    public void Every_scalar_link_of_the_composed_binary_is_compiled_to_wasm_and_calls_stay_in_wasm()
    {
        var created = Wasm.WasmAdaptersCreated;
        using var wasm = Wasm.LoadText(WasmAdapterWat.Composed).Instantiate(new HostImports().DefineFunction("back", _ => []));
        Assert.Equal(created + WasmAdapterWat.Linked.Length, Wasm.WasmAdaptersCreated);

        using var host = Host.LoadText(WasmAdapterWat.Composed).Instantiate(new HostImports().DefineFunction("back", _ => []));
        Assert.Equal(0, Host.WasmAdaptersCreated);

        // Every return to .NET advances the store's epoch: the host-side adapter is entered once per inner call (and
        // calls realloc and the callee from .NET); through a wasm adapter only the outer call returns to .NET.
        Assert.Equal(1ul, Epochs(wasm, "loop", WitValue.U32(100)));
        Assert.True(Epochs(host, "loop", WitValue.U32(100)) >= 100);
        foreach (var (name, argument) in new[] { ("sum-n", WitValue.U32(10)), ("mirror-at", WitValue.U32(2048)), ("s8", WitValue.U32(1)) })
        {
            Assert.Equal(1ul, Epochs(wasm, name, argument));
            Assert.True(Epochs(host, name, argument) >= 2);
        }
    }

    [Fact]
    public void Variants_char_results_mixed_encodings_and_live_links_keep_the_host_side_adapter()
    {
        var created = Wasm.WasmAdaptersCreated;
        using (var composed = Wasm.Load(WatText.ToBinary(LinkWat.Composed(LinkWat.Functions, "utf8", "utf8"))).Instantiate(new LinkCalleeHost().Imports()))
        {
            // Of LinkWat's functions add(u32, u32) and small(s8, s16, u8) are one-slot scalars with a result that is
            // not a char, and echo(string) -> string has UTF-8 on both sides; the others have variants, lists of
            // strings, records with strings, spilled parameters.
            Assert.Equal(created + 3, Wasm.WasmAdaptersCreated);
            Assert.Equal(42u, composed.GetFunction("add")!.Invoke(WitValue.U32(40), WitValue.U32(2))[0].AsU32());
        }

        created = Wasm.WasmAdaptersCreated;
        using (var mixed = Wasm.Load(WatText.ToBinary(LinkWat.Composed(LinkWat.Functions, "utf8", "utf16"))).Instantiate(new LinkCalleeHost().Imports()))
        {
            // UTF-8 to UTF-16 is transcoded on the host path.
            Assert.Equal(created + 2, Wasm.WasmAdaptersCreated);
        }

        created = Wasm.WasmAdaptersCreated;
        using var callee = Wasm.LoadText(LinkWat.Forwarder(LinkWat.Functions, "utf8")).Instantiate(new LinkCalleeHost().Imports());
        using var caller = Wasm.LoadText(LinkWat.Forwarder(LinkWat.Functions, "utf8")).Instantiate(new HostImports().LinkExports(callee));
        Assert.Equal(created, Wasm.WasmAdaptersCreated);
    }

    /// <summary>A composed binary without memories: B's <c>add</c>, A's <c>loop</c> calling it n times.</summary>
    private const string ScalarOnly = """
        (component
          (component $callee
            (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
            (core instance $i (instantiate $m))
            (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))
          (component $caller
            (import "add" (func $add (param "a" u32) (param "b" u32) (result u32)))
            (core func $add (canon lower (func $add)))
            (core module $m
              (import "l" "add" (func $add (param i32 i32) (result i32)))
              (func (export "loop") (param $n i32) (result i32) (local $acc i32)
                (block $done (loop $next
                  (br_if $done (i32.eqz (local.get $n)))
                  (local.set $acc (call $add (local.get $acc) (local.get $n)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $next)))
                (local.get $acc)))
            (core instance $i (instantiate $m (with "l" (instance (export "add" (func $add))))))
            (func (export "loop") (param "n" u32) (result u32) (canon lift (core func $i "loop"))))
          (instance $b (instantiate $callee))
          (instance $a (instantiate $caller (with "add" (func $b "add"))))
          (export "loop" (func $a "loop")))
        """;

    [Fact]
    public void A_store_whose_memory_limit_refuses_the_cell_page_keeps_the_host_side_adapter()
    {
        var created = Wasm.WasmAdaptersCreated;
        using var limited = Wasm.LoadText(ScalarOnly).Instantiate(null, new ComponentLimits { MemoryBytes = 1024 });
        Assert.Equal(created, Wasm.WasmAdaptersCreated);
        Assert.Equal(5050u, limited.GetFunction("loop")!.Invoke(WitValue.U32(100))[0].AsU32());

        using var unlimited = Wasm.LoadText(ScalarOnly).Instantiate();
        Assert.Equal(created + 1, Wasm.WasmAdaptersCreated);
        Assert.Equal(5050u, unlimited.GetFunction("loop")!.Invoke(WitValue.U32(100))[0].AsU32());
    }

    [Fact]
    public void Running_out_of_fuel_inside_an_adapted_call_is_an_out_of_fuel_trap()
    {
        using var runtime = new ComponentRuntime(new ComponentRuntimeOptions { EnableFuel = true });
        var created = runtime.WasmAdaptersCreated;
        using var instance = runtime.LoadText(ScalarOnly).Instantiate(null, new ComponentLimits { FuelPerCall = 20_000 });
        Assert.Equal(created + 1, runtime.WasmAdaptersCreated);

        Assert.Equal(5050u, instance.GetFunction("loop")!.Invoke(WitValue.U32(100))[0].AsU32());
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("loop")!.Invoke(WitValue.U32(1_000_000)));
        Assert.Equal(ComponentTrapKind.OutOfFuel, trap.Kind);
    }

    /// <summary>How often control came back to .NET from the instance's store during one call of <paramref name="name"/>.</summary>
    private static ulong Epochs(ComponentInstance instance, string name, WitValue argument)
    {
        var epoch = StoreEpoch.For(instance.Store);
        var before = epoch.Value;
        instance.GetFunction(name)!.Invoke(argument);
        return epoch.Value - before;
    }

    /// <summary>
    /// Instantiates the composed binary, sets B's <c>realloc</c> mode when <paramref name="name"/> starts with
    /// <c>mode N: </c>, makes one call, then probes A (<c>ping</c>), B (<c>b-ping</c>,
    /// <c>b-seen</c>: what post-return last received) and B's <c>add</c> from the host: each result, or the trap's
    /// kind and message (whose first line names the instance and function; the backtrace below differs).
    /// </summary>
    private static string[] Run(ComponentRuntime runtime, string name, WitValue[] arguments)
    {
        ComponentInstance? self = null;
        var imports = new HostImports().DefineFunction("back", _ =>
        {
            // B is running (it called back): entering it again from the host is reentrance.
            self!.GetFunction("b-add")!.Invoke(WitValue.U32(1), WitValue.U32(1));
            return [];
        });
        using var instance = runtime.LoadText(WasmAdapterWat.Composed).Instantiate(imports);
        self = instance;
        if (name.StartsWith("mode ", StringComparison.Ordinal))
        {
            instance.GetFunction("b-set-mode")!.Invoke(WitValue.U32(uint.Parse(name[5..6], System.Globalization.CultureInfo.InvariantCulture)));
            name = name[8..];
        }

        return
        [
            Outcome(() => instance.GetFunction(name)!.Invoke(arguments)),
            Outcome(() => instance.GetFunction("ping")!.Invoke()),
            Outcome(() => instance.GetFunction("b-ping")!.Invoke()),
            Outcome(() => instance.GetFunction("b-seen")!.Invoke()),
            Outcome(() => instance.GetFunction("b-add")!.Invoke(WitValue.U32(1), WitValue.U32(1))),
        ];
    }

    private static string Outcome(Func<WitValue[]> call)
    {
        try
        {
            var results = call();
            return results.Length == 0 ? "()" : results[0].Kind switch
            {
                WitValueKind.S32 => results[0].AsS32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                WitValueKind.U32 => results[0].AsU32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => results[0].AsU64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        catch (ComponentTrapException e)
        {
            return $"trap {e.Kind}: {e.Message.Split('\n')[0]}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
        }
    }
}
