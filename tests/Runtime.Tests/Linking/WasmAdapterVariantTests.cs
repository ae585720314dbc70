using System.Globalization;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Flat variants (options, results, variants, enums) and <c>char</c> results through wasm adapters: the same values
/// and traps (kind, message, which instances are poisoned afterwards) as the host-side adapter, whose runtime here
/// has the wasm adapters switched off; which links are compiled to wasm and that their calls stay in wasm.
/// </summary>
public class WasmAdapterVariantTests
{
    private static readonly ComponentRuntime Wasm = new() { WasmAdapters = true };
    private static readonly ComponentRuntime Host = new() { WasmAdapters = false };

    /// <summary>A call of A's export with raw core values, and what it must give (B's packed core values, or a trap).</summary>
    public static TheoryData<string, uint[], string> Calls => new()
    {
        { "opt", [0, 0x1FF], "0" },
        { "opt", [1, 0x1FF], $"{(1ul << 32) | 0xFF}" },
        { "opt", [2, 0], "trap InvalidDiscriminant" },
        { "res", [0, 0x1FF], $"{(0ul << 32) | 0xFFFFFFFF}" },
        { "res", [1, 0x1FFFF], $"{(1ul << 32) | 0xFFFF}" },
        { "res", [0xFFFFFFFF, 0], "trap InvalidDiscriminant" },
        { "var", [0, 7, 8], "0" },
        { "var", [1, 2, 8], $"{(1ul << 48) | (1ul << 16)}" },
        { "var", [2, 0x1F600, 8], $"{(2ul << 48) | (0x1F600ul << 16)}" },
        { "var", [2, 0xD800, 8], "trap InvalidChar" },
        { "var", [0, 0xD800, 8], "0" },
        { "var", [3, 0x1FF, 0x1FFFF], $"{(3ul << 48) | (0xFFul << 16) | 0xFFFF}" },
        { "var", [4, 0, 0], "trap InvalidDiscriminant" },
        { "fopt", [1, 0x7fc00001], $"{(1ul << 32) | 0x7fc00000}" },
        { "fopt", [1, 0x3fc00000], $"{(1ul << 32) | 0x3fc00000}" },
        { "fopt", [0, 0x3fc00000], "0" },
        { "mixed", [1, 0x7fc00001], $"{(1ul << 32) | 0x7fc00000}" },
        { "color", [2], "2" },
        { "color", [3], "trap InvalidDiscriminant" },
        { "char-of", [0x10FFFF], "1114111" },
        { "char-of", [0x110000], "trap InvalidChar" },
        { "char-of", [0xDFFF], "trap InvalidChar" },
        { "ropt", [0, 0x12345678], $"{0x12345678AAAAAA00}" },
        { "ropt", [1, 0x12345678], $"{0xAAAAAA78AAAAAA01}" },
        { "ropt", [0x100, 7], $"{0x00000007AAAAAA00}" },
        { "ropt", [2, 7], "trap InvalidDiscriminant" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Wasm_adapters_of_flat_variants_behave_as_the_host_side_adapter(string name, uint[] arguments, string expected)
    {
        var wasm = Run(Wasm, name, arguments);

        Assert.StartsWith(expected, wasm[0]);
        Assert.Equal(Run(Host, name, arguments), wasm);
    }

    [Theory]
    [InlineData("var", new uint[] { 2, 0xD800, 0 }, false)]
    [InlineData("color", new uint[] { 3 }, false)]
    [InlineData("char-of", new uint[] { 0x110000 }, true)]
    [InlineData("ropt", new uint[] { 2, 0 }, true)]
    public void An_invalid_argument_is_the_caller_s_fault_and_an_invalid_result_the_callee_s(string name, uint[] arguments, bool calleePoisoned)
    {
        var outcome = Run(Wasm, name, arguments);

        Assert.StartsWith("trap", outcome[0]);
        Assert.StartsWith("trap Other", outcome[1]); // A
        Assert.Equal(calleePoisoned, outcome[2].StartsWith("trap Other", StringComparison.Ordinal)); // B
    }

    [Fact]
    public void Flat_variant_links_are_compiled_to_wasm_but_one_needing_a_coercion()
    {
        var created = Wasm.WasmAdaptersCreated;
        using var instance = Wasm.LoadText(WasmAdapterVariantWat.Composed).Instantiate();
        Assert.Equal(created + WasmAdapterVariantWat.Linked.Length - 1, Wasm.WasmAdaptersCreated);

        var epoch = StoreEpoch.For(instance.Store);
        foreach (var (name, arguments) in new[] { ("opt", new uint[] { 1, 2 }), ("var", [3, 1, 2]), ("color", [1]), ("char-of", [65]), ("ropt", [0, 1]) })
        {
            var before = epoch.Value;
            instance.GetFunction(name)!.Invoke(arguments.Select(WitValue.U32).ToArray());
            Assert.Equal(1ul, epoch.Value - before);
        }
    }

    /// <summary>One call, then A's and B's <c>ping</c>: each result, or the trap's kind and the first line of its message.</summary>
    private static string[] Run(ComponentRuntime runtime, string name, uint[] arguments)
    {
        using var instance = runtime.LoadText(WasmAdapterVariantWat.Composed).Instantiate();
        return
        [
            Outcome(() => instance.GetFunction(name)!.Invoke(arguments.Select(WitValue.U32).ToArray())),
            Outcome(() => instance.GetFunction("ping")!.Invoke()),
            Outcome(() => instance.GetFunction("b-ping")!.Invoke()),
        ];
    }

    private static string Outcome(Func<WitValue[]> call)
    {
        try
        {
            var result = call()[0];
            return result.Kind == WitValueKind.U64
                ? result.AsU64().ToString(CultureInfo.InvariantCulture)
                : result.AsU32().ToString(CultureInfo.InvariantCulture);
        }
        catch (ComponentTrapException e)
        {
            return $"trap {e.Kind}: {e.Message.Split('\n')[0]}";
        }
    }
}
