using System.Globalization;
using System.Text;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Strings through wasm adapters (UTF-8 to UTF-8, UTF-16 to UTF-16, as parameters and as a result): the same values,
/// traps (kind, message, which instances are poisoned afterwards) as the host-side adapter, whose runtime here has the
/// wasm adapters switched off; and the calls really stay in wasm.
/// </summary>
public class WasmAdapterStringTests
{
    private static readonly ComponentRuntime Wasm = new() { WasmAdapters = true };
    private static readonly ComponentRuntime Host = new() { WasmAdapters = false };

    /// <summary>Where the tests put the strings in A's memory.</summary>
    private const uint At = 100;

    /// <summary>Strings valid in both encodings, as text.</summary>
    public static TheoryData<string, string> Valid => new()
    {
        { "utf8", string.Empty },
        { "utf8", "hello" },
        { "utf8", "plain ASCII longer than eight bytes" },
        { "utf8", "h\u00e9llo \u20ac \U0001D11E and \u0800\uFFFF\U00010000\U0010FFFF" },
        { "utf8", "12345678\u00e9" },
        { "utf16", string.Empty },
        { "utf16", "hello" },
        { "utf16", "h\u00e9llo \u20ac \U0001D11E and \U0010FFFF\uD7FF\uE000" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_strings_arrive_as_they_were_sent(string encoding, string text)
    {
        var bytes = Encode(encoding, text);
        var unit = encoding == "utf16" ? 2 : 1;
        var length = (uint)(bytes.Length / unit);
        var weight = WasmAdapterStringWat.Weight(bytes, unit).ToString(CultureInfo.InvariantCulture);

        foreach (var call in new[] { "weigh-at", "echo-at" })
        {
            var wasm = Run(Wasm, encoding, bytes, null, call, At, length);
            Assert.Equal(weight, wasm[0]);
            Assert.Equal(1ul, Epochs(encoding, bytes, call, At, length));
            Assert.Equal(Run(Host, encoding, bytes, null, call, At, length), wasm);
        }

        var named = Run(Wasm, encoding, bytes, null, "named-at", 5, At, length, 0x1FF);
        Assert.Equal(unchecked((WasmAdapterStringWat.Weight(bytes, unit) * 7u) + 5u + 255_000u).ToString(CultureInfo.InvariantCulture), named[0]);
        Assert.Equal(Run(Host, encoding, bytes, null, "named-at", 5, At, length, 0x1FF), named);
        Assert.Equal(1ul, Epochs(encoding, bytes, "named-at", 5, At, length, 0x1FF));

        var pair = Run(Wasm, encoding, bytes, null, "pair-at", At, length, At, length);
        Assert.Equal(unchecked(WasmAdapterStringWat.Weight(bytes, unit) * 8u).ToString(CultureInfo.InvariantCulture), pair[0]);
        Assert.Equal(Run(Host, encoding, bytes, null, "pair-at", At, length, At, length), pair);
    }

    /// <summary>Byte sequences that are not well-formed (hex), per encoding, after a valid prefix.</summary>
    public static TheoryData<string, string> Invalid => new()
    {
        { "utf8", "ff" },
        { "utf8", "80" },
        { "utf8", "c0 80" },
        { "utf8", "c1 bf" },
        { "utf8", "e0 9f bf" },
        { "utf8", "ed a0 80" },
        { "utf8", "f0 8f bf bf" },
        { "utf8", "f4 90 80 80" },
        { "utf8", "f5 80 80 80" },
        { "utf8", "e2 82" },
        { "utf8", "e2 28 ac" },
        { "utf8", "f0 9f 98" },
        { "utf8", "41 41 41 41 41 41 41 41 41 e9" },
        { "utf16", "00 d8" },
        { "utf16", "00 dc 41 00" },
        { "utf16", "00 d8 41 00" },
        { "utf16", "ff db ff db" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Strings_not_valid_in_their_encoding_trap_as_on_the_host_side_adapter(string encoding, string hex)
    {
        var bytes = Encode(encoding, "ok").Concat(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal))).ToArray();
        var length = (uint)(bytes.Length / (encoding == "utf16" ? 2 : 1));
        foreach (var call in new[] { "weigh-at", "echo-at" })
        {
            var wasm = Run(Wasm, encoding, bytes, null, call, At, length);
            Assert.StartsWith(encoding == "utf16" ? "trap InvalidUtf16: " : "trap InvalidUtf8: ", wasm[0]);
            Assert.Contains("not valid", wasm[0], StringComparison.Ordinal);
            Assert.Equal("7", wasm[2]); // B was not entered: still usable
            Assert.Equal(Run(Host, encoding, bytes, null, call, At, length), wasm);
        }
    }

    /// <summary>Calls with a bad pointer or length, or a misbehaving <c>realloc</c> or <c>echo</c>, and what they must give.</summary>
    public static TheoryData<string, string, uint, uint, string, bool> Faults => new()
    {
        { "utf16", "weigh-at", At + 1, 2, "trap Misaligned", false },
        { "utf8", "weigh-at", 0xFFF0, 0x20, "trap OutOfBounds", false },
        { "utf16", "weigh-at", 0xFFF0, 0x10, "trap OutOfBounds", false },
        { "utf8", "weigh-at", 0, 0x10000000, "trap LengthTooLarge", false },
        { "utf16", "weigh-at", 0, 0x80000000, "trap LengthTooLarge", false },
        { "utf8", "b-set-mode 2: weigh-at", At, 2, "trap ReallocOutOfBounds", true },
        { "utf16", "b-set-mode 1: weigh-at", At, 2, "trap ReallocMisaligned", true },
        { "utf16", "b-set-mode 3: weigh-at", At, 2, "trap Other", true },
        { "utf8", "b-echo-mode 1: echo-at", At, 2, "trap Misaligned", true },
        { "utf8", "b-echo-mode 2: echo-at", At, 2, "trap OutOfBounds", true },
        { "utf16", "b-echo-mode 2: echo-at", At, 2, "trap OutOfBounds", true },
        { "utf8", "b-echo-mode 3: echo-at", At, 2, "trap InvalidUtf8", true },
        { "utf16", "b-echo-mode 3: echo-at", At, 2, "trap InvalidUtf16", true },
        { "utf8", "b-echo-mode 4: echo-at", At, 2, "trap LengthTooLarge", true },
        { "utf16", "b-echo-mode 4: echo-at", At, 2, "trap LengthTooLarge", true },
        { "utf16", "b-echo-mode 5: echo-at", At, 2, "trap Misaligned", true },
        { "utf16", "set-mode 1: echo-at", At, 2, "trap ReallocMisaligned", false },
        { "utf8", "set-mode 2: echo-at", At, 2, "trap ReallocOutOfBounds", false },
        { "utf16", "set-mode 3: echo-at", At, 2, "trap Other", false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Faults_trap_and_poison_as_on_the_host_side_adapter(string encoding, string call, uint pointer, uint length, string expected, bool calleePoisoned)
    {
        var bytes = Encode(encoding, "ok");
        var mode = call.Contains(':', StringComparison.Ordinal) ? call[..call.IndexOf(':', StringComparison.Ordinal)] : null;
        var name = mode is null ? call : call[(mode.Length + 2)..];

        var wasm = Run(Wasm, encoding, bytes, mode, name, pointer, length);

        Assert.StartsWith(expected, wasm[0]);
        Assert.StartsWith("trap Other", wasm[1]); // A: unusable after its trap
        Assert.Equal(calleePoisoned, wasm[2].StartsWith("trap Other", StringComparison.Ordinal)); // B's ping
        Assert.Equal(Run(Host, encoding, bytes, mode, name, pointer, length), wasm);
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void String_links_are_compiled_to_wasm_and_calls_stay_in_wasm(string encoding)
    {
        var created = Wasm.WasmAdaptersCreated;
        using var instance = Wasm.LoadText(WasmAdapterStringWat.Composed(encoding)).Instantiate();
        Assert.Equal(created + 4, Wasm.WasmAdaptersCreated);
        var bytes = Encode(encoding, "h\u00e9llo");
        for (var i = 0; i < bytes.Length; i++)
        {
            instance.GetFunction("poke")!.Invoke(WitValue.U32(At + (uint)i), WitValue.U32(bytes[i]));
        }

        // Every return to .NET advances the store's epoch: through the wasm adapter only the outer call returns.
        var epoch = StoreEpoch.For(instance.Store);
        var before = epoch.Value;
        var units = (uint)(bytes.Length / (encoding == "utf16" ? 2 : 1));
        var total = instance.GetFunction("echo-loop")!.Invoke(WitValue.U32(At), WitValue.U32(units), WitValue.U32(100));
        Assert.Equal(1ul, epoch.Value - before);
        Assert.Equal(100 * units, total[0].AsU32());
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void The_wasm_validator_accepts_exactly_what_dotnet_accepts(string encoding)
    {
        // Short random sequences of the code units around every boundary of the encoding: a well-formed one must stay
        // in wasm (one return to .NET: the outer call) and arrive intact, any other must trap as the host path does.
        byte[] utf8 = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff];
        ushort[] utf16 = [0x0041, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xffff];
        var random = new Random(15);
        var unit = encoding == "utf16" ? 2 : 1;
        ComponentInstance? instance = null;
        var validCount = 0;
        try
        {
            for (var round = 0; round < 400; round++)
            {
                var bytes = encoding == "utf16"
                    ? Enumerable.Range(0, random.Next(0, 6)).SelectMany(_ => BitConverter.GetBytes(utf16[random.Next(utf16.Length)])).ToArray()
                    : Enumerable.Range(0, random.Next(0, 10)).Select(_ => utf8[random.Next(utf8.Length)]).ToArray();
                var valid = encoding == "utf16"
                    ? IsWellFormedUtf16(bytes)
                    : System.Text.Unicode.Utf8.IsValid(bytes);

                instance ??= Wasm.LoadText(WasmAdapterStringWat.Composed(encoding)).Instantiate();
                for (var i = 0; i < bytes.Length; i++)
                {
                    instance.GetFunction("poke")!.Invoke(WitValue.U32(At + (uint)i), WitValue.U32(bytes[i]));
                }

                var epoch = StoreEpoch.For(instance.Store);
                var before = epoch.Value;
                var outcome = Outcome(() => instance.GetFunction("weigh-at")!.Invoke(WitValue.U32(At), WitValue.U32((uint)(bytes.Length / unit))));
                var hex = Convert.ToHexString(bytes);
                if (valid)
                {
                    validCount++;
                    Assert.True(WasmAdapterStringWat.Weight(bytes, unit).ToString(CultureInfo.InvariantCulture) == outcome, $"{hex}: {outcome}");
                    Assert.True(epoch.Value - before == 1, $"{hex} took the host path");
                }
                else
                {
                    Assert.True(outcome.StartsWith("trap Invalid", StringComparison.Ordinal), $"{hex}: {outcome}");
                    instance.Dispose();
                    instance = null;
                }
            }
        }
        finally
        {
            instance?.Dispose();
        }

        Assert.InRange(validCount, 40, 360); // both kinds were tried
    }

    private static bool IsWellFormedUtf16(byte[] bytes)
    {
        var units = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(bytes);
        for (var i = 0; i < units.Length; i++)
        {
            if (char.IsHighSurrogate(units[i]) && i + 1 < units.Length && char.IsLowSurrogate(units[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(units[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Encode(string encoding, string text) =>
        encoding == "utf16" ? Encoding.Unicode.GetBytes(text) : Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Instantiates the composed binary, pokes <paramref name="bytes"/> into A's memory at <see cref="At"/>, sets a mode
    /// (<c>"export N"</c>) when given, makes one call, then probes A and B (<c>ping</c>, <c>b-ping</c>) from the host:
    /// each result, or the trap's kind and the first line of its message.
    /// </summary>
    private static string[] Run(ComponentRuntime runtime, string encoding, byte[] bytes, string? mode, string name, params uint[] arguments)
    {
        using var instance = runtime.LoadText(WasmAdapterStringWat.Composed(encoding)).Instantiate();
        for (var i = 0; i < bytes.Length; i++)
        {
            instance.GetFunction("poke")!.Invoke(WitValue.U32(At + (uint)i), WitValue.U32(bytes[i]));
        }

        if (mode is not null)
        {
            var space = mode.IndexOf(' ', StringComparison.Ordinal);
            instance.GetFunction(mode[..space])!.Invoke(WitValue.U32(uint.Parse(mode[(space + 1)..], CultureInfo.InvariantCulture)));
        }

        return
        [
            Outcome(() => instance.GetFunction(name)!.Invoke(arguments.Select(WitValue.U32).ToArray())),
            Outcome(() => instance.GetFunction("ping")!.Invoke()),
            Outcome(() => instance.GetFunction("b-ping")!.Invoke()),
        ];
    }

    /// <summary>How often control came back to .NET from the store during one call (1: the adapter stayed in wasm).</summary>
    private static ulong Epochs(string encoding, byte[] bytes, string name, params uint[] arguments)
    {
        using var instance = Wasm.LoadText(WasmAdapterStringWat.Composed(encoding)).Instantiate();
        for (var i = 0; i < bytes.Length; i++)
        {
            instance.GetFunction("poke")!.Invoke(WitValue.U32(At + (uint)i), WitValue.U32(bytes[i]));
        }

        var epoch = StoreEpoch.For(instance.Store);
        var before = epoch.Value;
        instance.GetFunction(name)!.Invoke(arguments.Select(WitValue.U32).ToArray());
        return epoch.Value - before;
    }

    private static string Outcome(Func<WitValue[]> call)
    {
        try
        {
            var results = call();
            return results.Length == 0 ? "()" : results[0].AsU32().ToString(CultureInfo.InvariantCulture);
        }
        catch (ComponentTrapException e)
        {
            return $"trap {e.Kind}: {e.Message.Split('\n')[0]}";
        }
    }
}
