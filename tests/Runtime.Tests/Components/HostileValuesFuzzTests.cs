using System.Diagnostics;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using Xunit;
using Xunit.Abstractions;
using CV = Wasmtime.Components.ComponentValue;
using WasmtimeComponent = Wasmtime.Components.Component;
using WasmtimeLinker = Wasmtime.Components.ComponentLinker;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Values a hostile guest hands back, fuzzed: the guest's memory image (return-area pointers, string and list
/// pointers and lengths, discriminants, flags, chars, string bytes) comes from a structured generator and mutator,
/// and every export lifts its result from that image on this runtime and on Wasmtime's own component API. Both must
/// agree: the same value, or both trap. This runtime must never fail any other way (an exception of another type, a
/// crash). The smoke run is part of the suite; the long run is
/// <c>WITBINDGEN_FUZZ_HOSTILE_EXECUTIONS=1000000 dotnet test tests/Runtime.Tests -c Release --filter FullyQualifiedName~HostileValuesFuzzTests</c>
/// (docs/security.md has the figures).
/// </summary>
public class HostileValuesFuzzTests(ITestOutputHelper output)
{
    private static readonly int Executions =
        int.TryParse(Environment.GetEnvironmentVariable("WITBINDGEN_FUZZ_HOSTILE_EXECUTIONS"), out var n) && n > 0 ? n : 6_000;

    /// <summary>The bytes the host copies to address 0 of the guest's memory before the calls.</summary>
    private const int ImageSize = 1024;

    /// <summary>
    /// Every export lifts its result from the image: those with a return area return the pointer in the image's first
    /// word (<c>area</c>), single flat results are the second word (<c>flat</c>) or the 64-bit word at 8 (<c>flat64</c>).
    /// </summary>
    private const string Guest = """
        (component
          (core module $m
            (memory (export "memory") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 32768))
            (func (export "set") (param $p i32) (param $n i32) (memory.copy (i32.const 0) (local.get $p) (local.get $n)))
            (func (export "area") (result i32) (i32.load (i32.const 0)))
            (func (export "flat") (result i32) (i32.load (i32.const 4)))
            (func (export "flat64") (result i64) (i64.load (i32.const 8))))
          (core instance $i (instantiate $m))
          (type $color (enum "red" "green" "blue"))
          (export $color-e "color-type" (type $color))
          (type $perms (flags "read" "write" "exec"))
          (export $perms-e "perms-type" (type $perms))
          (type $shape (variant (case "circle" f32) (case "name" string) (case "points" (list u16)) (case "empty")))
          (export $shape-e "shape-type" (type $shape))
          (type $rec (record (field "s" string) (field "c" char) (field "b" bool) (field "p" $perms-e) (field "e" $color-e) (field "d" f64)))
          (export $rec-e "rec-type" (type $rec))
          (func (export "set") (param "image" (list u8))
            (canon lift (core func $i "set") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
          (func (export "string") (result string) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "string16") (result string) (canon lift (core func $i "area") (memory (core memory $i "memory")) string-encoding=utf16))
          (func (export "latin1") (result string) (canon lift (core func $i "area") (memory (core memory $i "memory")) string-encoding=latin1+utf16))
          (func (export "strings") (result (list string)) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "words") (result (list u32)) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "nested") (result (list (list u8))) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "opt") (result (option string)) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "res") (result (result string (error u32))) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "shape") (result $shape-e) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "rec") (result $rec-e) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "tuple") (result (tuple char f32 u8 s16)) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "opts") (result (list (option u8))) (canon lift (core func $i "area") (memory (core memory $i "memory"))))
          (func (export "char") (result char) (canon lift (core func $i "flat")))
          (func (export "bool") (result bool) (canon lift (core func $i "flat")))
          (func (export "color") (result $color-e) (canon lift (core func $i "flat")))
          (func (export "perms") (result $perms-e) (canon lift (core func $i "flat")))
          (func (export "u8") (result u8) (canon lift (core func $i "flat")))
          (func (export "s16") (result s16) (canon lift (core func $i "flat")))
          (func (export "u64") (result u64) (canon lift (core func $i "flat64"))))
        """;

    private static readonly string[] Functions =
    [
        "string", "string16", "latin1", "strings", "words", "nested", "opt", "res", "shape", "rec", "tuple", "opts",
        "char", "bool", "color", "perms", "u8", "s16", "u64",
    ];

    [Fact]
    public void Both_runtimes_lift_every_hostile_image_alike()
    {
        var random = new Random(FuzzSeed.Of(20261203));
        var corpus = new List<byte[]>();
        var outcomes = new Dictionary<string, int>();
        var values = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        using var pair = new Pair();
        var executions = 0;
        while (executions < Executions)
        {
            var image = corpus.Count > 0 && random.Next(2) == 0
                ? Mutate(corpus[random.Next(corpus.Count)], random)
                : Generate(random);
            var lifted = false;
            foreach (var function in Functions)
            {
                var outcome = pair.Compare(function, image);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (outcome == "value")
                {
                    values[function] = values.GetValueOrDefault(function) + 1;
                }

                lifted |= outcome == "value";
                executions++;
            }

            if (lifted && corpus.Count < 256)
            {
                corpus.Add(image);
            }
        }

        output.WriteLine($"{executions} executions per runtime (seed offset {FuzzSeed.Offset}) in {clock.Elapsed}: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}; corpus {corpus.Count}");
        output.WriteLine("values lifted per function: " + string.Join(", ", Functions.Select(f => $"{f} {values.GetValueOrDefault(f)}")));
        Assert.True(outcomes.GetValueOrDefault("value") > executions / 20, "too few images lift to a value: the generator does not reach the lifting code");
        Assert.True(outcomes.GetValueOrDefault("trap") > executions / 20, "too few images trap");
    }

    /// <summary>A fresh image: 4-byte words of pointers into the image, lengths, special values, text and noise.</summary>
    private static byte[] Generate(Random random)
    {
        var image = new byte[ImageSize];
        for (var at = 0; at < ImageSize; at += 4)
        {
            BitConverter.TryWriteBytes(image.AsSpan(at), Word(random));
        }

        // The return area is mostly aligned and inside the image.
        BitConverter.TryWriteBytes(image.AsSpan(0), (uint)(16 + random.Next((ImageSize - 64) / 8) * 8));
        return image;
    }

    private static readonly uint[] Special =
    [
        0, 1, 2, 3, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0x10000, 0xFFFF, 0xFFF8, 0xFFFC, 0x10FFFF, 0x110000, 0xD800,
        0xDFFF, 0x80000003, 0x80000010, 0x4000_0000, ImageSize - 4, ImageSize, 0x20000,
    ];

    private static uint Word(Random random) => random.Next(20) switch
    {
        < 6 => (uint)(random.Next(ImageSize) & ~((1 << random.Next(4)) - 1)), // a pointer into the image
        < 10 => (uint)random.Next(9), // a short length, a discriminant, a flag set
        < 11 => (uint)random.Next(65), // a longer length
        < 13 => Special[random.Next(Special.Length)],
        < 16 => BitConverter.ToUInt32("abcdefghijklmnop"u8.ToArray(), random.Next(12)), // ASCII text
        < 17 => BitConverter.ToUInt32([0xC3, 0xA9, 0xE2, 0x9C, 0x93, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80], random.Next(8)), // UTF-8, some invalid
        _ => (uint)random.NextInt64(1L << 32),
    };

    /// <summary>One to four edits of a corpus image: a word replaced, a byte changed, a run copied elsewhere.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var image = (byte[])original.Clone();
        for (var e = 1 + random.Next(4); e > 0; e--)
        {
            switch (random.Next(3))
            {
                case 0:
                    BitConverter.TryWriteBytes(image.AsSpan(random.Next(ImageSize / 4) * 4), Word(random));
                    break;
                case 1:
                    image[random.Next(ImageSize)] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(image[random.Next(ImageSize)] ^ (1 << random.Next(8)));
                    break;
                default:
                    var length = 1 + random.Next(32);
                    Array.Copy(image, random.Next(ImageSize - length), image, random.Next(ImageSize - length), length);
                    break;
            }
        }

        return image;
    }

    /// <summary>The guest on both runtimes; either is instantiated afresh after a trap.</summary>
    private sealed class Pair : IDisposable
    {
        private readonly ComponentRuntime _runtime = new();
        private readonly LoadedComponent _component;
        private readonly Engine _engine = new(new Config().WithComponentModel(true));
        private readonly WasmtimeComponent _theirComponent;
        private readonly WasmtimeLinker _linker;
        private ComponentInstance? _ours;
        private Store? _store;
        private Wasmtime.Components.ComponentInstance? _theirs;
        private byte[]? _image;

        public Pair()
        {
            var bytes = WatText.ToBinary(Guest);
            _component = _runtime.Load(bytes);
            _theirComponent = WasmtimeComponent.FromBytes(_engine, bytes);
            _linker = new WasmtimeLinker(_engine);
        }

        /// <summary>Lifts <paramref name="function"/>'s result from <paramref name="image"/> on both; "value" or "trap".</summary>
        public string Compare(string function, byte[] image)
        {
            if (_ours is null || _theirs is null || !ReferenceEquals(_image, image))
            {
                Prepare(image);
            }

            var ourFunction = _ours!.GetFunction(function)!;
            var type = ourFunction.Type!.Results[0];
            WitValue? ours = null;
            string? ourTrap = null;
            try
            {
                ours = ourFunction.Invoke()[0];
            }
            catch (ComponentTrapException e)
            {
                ourTrap = e.Message;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"'{function}' failed with {e.GetType().Name} ({e.Message}) on image {Convert.ToHexString(image)}");
            }

            WitValue? theirs = null;
            string? theirTrap = null;
            try
            {
                theirs = WasmtimeValues.FromWasmtime(_theirs!.GetFunction(function)!.Call()!, type);
            }
            catch (WasmtimeException e)
            {
                theirTrap = e.Message;
            }

            if ((ourTrap is null) != (theirTrap is null) || (ours is not null && !ours.Equals(theirs)))
            {
                throw new Xunit.Sdk.XunitException(
                    $"'{function}': this runtime {(ourTrap is null ? $"lifted {ours}" : $"trapped ({ourTrap})")}, Wasmtime {(theirTrap is null ? $"lifted {theirs}" : $"trapped ({theirTrap})")}; image {Convert.ToHexString(image)}");
            }

            if (ourTrap is not null)
            {
                Discard();
                return "trap";
            }

            return "value";
        }

        private void Prepare(byte[] image)
        {
            Discard();
            _ours = _component.Instantiate();
            _store = new Store(_engine);
            _theirs = _linker.Instantiate(_store, _theirComponent);
            _ours.GetFunction("set")!.Invoke(WitValue.List(image.Select(WitValue.U8).ToArray()));
            _theirs.GetFunction("set")!.Call(CV.List(image.Select(CV.U8).ToList()));
            _image = image;
        }

        private void Discard()
        {
            _ours?.Dispose();
            _store?.Dispose();
            _ours = null;
            _theirs = null;
            _store = null;
            _image = null;
        }

        public void Dispose()
        {
            Discard();
            _linker.Dispose();
            _theirComponent.Dispose();
            _engine.Dispose();
            _runtime.Dispose();
        }
    }
}
