using Wasmtime;
using WitBindgen.Runtime.Abi;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;
using WasmtimeComponent = Wasmtime.Components.Component;
using WasmtimeLinker = Wasmtime.Components.ComponentLinker;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Runs the same component on this runtime and on Wasmtime's own component API and checks that
/// both lift and lower every value the same way.
/// </summary>
public class DifferentialTests
{
    private static readonly string Component = $$"""
        (component
          {{Wat.Libc}}
          (core module $m
            (import "libc" "memory" (memory 1))
            (func (export "point-sum") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "classify") (param i32 i64) (result i64)
              (i64.add (i64.mul (i64.extend_i32_u (local.get 0)) (i64.const 1000)) (local.get 1)))
            (func (export "maybe") (param i32 i32) (result i32)
              (if (result i32) (local.get 0) (then (i32.add (local.get 1) (i32.const 1))) (else (i32.const 0))))
            (func (export "shout") (param i32) (result i32)
              (if (result i32) (i32.and (i32.ge_u (local.get 0) (i32.const 97)) (i32.le_u (local.get 0) (i32.const 122)))
                (then (i32.sub (local.get 0) (i32.const 32))) (else (local.get 0))))
            (func (export "range") (param $n i32) (result i32) (local $i i32)
              (block $done (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (i32.store (i32.add (i32.const 1024) (i32.mul (local.get $i) (i32.const 4))) (i32.mul (local.get $i) (local.get $i)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
              (i32.store (i32.const 16) (i32.const 1024))
              (i32.store (i32.const 20) (local.get $n))
              (i32.const 16))
            (func (export "pick") (param i32) (result i32) (i32.xor (local.get 0) (i32.const 5)))
            (func (export "swap") (param i32 f32) (result i32)
              (f32.store (i32.const 32) (local.get 1))
              (i32.store8 (i32.const 36) (local.get 0))
              (i32.const 32)))
          (core instance $i (instantiate $m (with "libc" (instance $libc))))
          (type $point (record (field "x" s32) (field "y" s32)))
          (export $point-e "point" (type $point))
          (type $size (variant (case "small" u8) (case "big" u64) (case "none")))
          (export $size-e "size" (type $size))
          (type $abc (flags "a" "b" "c"))
          (export $abc-e "abc" (type $abc))
          (func $point-sum (param "p" $point-e) (result s32) (canon lift (core func $i "point-sum")))
          (func $classify (param "v" $size-e) (result u64) (canon lift (core func $i "classify")))
          (func $maybe (param "o" (option u32)) (result u32) (canon lift (core func $i "maybe")))
          (func $shout (param "c" char) (result char) (canon lift (core func $i "shout")))
          (func $range (param "n" u32) (result (list u32)) (canon lift (core func $i "range") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (func $pick (param "f" $abc-e) (result $abc-e) (canon lift (core func $i "pick")))
          (func $swap (param "t" (tuple u8 f32)) (result (tuple f32 u8)) (canon lift (core func $i "swap") (memory (core memory $libc "memory"))))
          (export "point-sum" (func $point-sum))
          (export "classify" (func $classify))
          (export "maybe" (func $maybe))
          (export "shout" (func $shout))
          (export "range" (func $range))
          (export "pick" (func $pick))
          (export "swap" (func $swap)))
        """;

    [Fact]
    public void Value_types_match_wasmtime_components()
    {
        using var both = new BothRuntimes(Component);
        CV Theirs(string name, params CV[] args) => both.Theirs(name, args);
        WitValue Ours(string name, params WitValue[] args) => both.Ours(name, args);

        foreach (var (x, y) in new[] { (1, 2), (-5, 3), (int.MaxValue, 0), (int.MinValue, -1) })
        {
            var expected = Theirs("point-sum", CV.Record(new List<KeyValuePair<string, CV>> { new("x", CV.S32(x)), new("y", CV.S32(y)) })).AsS32();
            Assert.Equal(expected, Ours("point-sum", WitValue.Record(WitValue.S32(x), WitValue.S32(y))).AsS32());
        }

        Assert.Equal(Theirs("classify", CV.Variant("small", CV.U8(200))).AsU64(), Ours("classify", WitValue.Variant(0, WitValue.U8(200))).AsU64());
        Assert.Equal(Theirs("classify", CV.Variant("big", CV.U64(1UL << 40))).AsU64(), Ours("classify", WitValue.Variant(1, WitValue.U64(1UL << 40))).AsU64());
        Assert.Equal(Theirs("classify", CV.Variant("none", null!)).AsU64(), Ours("classify", WitValue.Variant(2)).AsU64());

        Assert.Equal(Theirs("maybe", CV.Some(CV.U32(41))).AsU32(), Ours("maybe", WitValue.Some(WitValue.U32(41))).AsU32());
        Assert.Equal(Theirs("maybe", CV.None()).AsU32(), Ours("maybe", WitValue.None).AsU32());

        foreach (var c in new[] { 'q', 'Z', 'é' })
        {
            Assert.Equal(Theirs("shout", CV.Char(new System.Text.Rune(c))).AsRune(), Ours("shout", WitValue.Char(new System.Text.Rune(c))).AsChar());
        }

        foreach (var n in new uint[] { 0, 1, 7, 100 })
        {
            var expected = Theirs("range", CV.U32(n)).AsList().Select(v => v.AsU32()).ToArray();
            var actual = Ours("range", WitValue.U32(n)).Items.Select(v => v.AsU32()).ToArray();
            Assert.Equal(expected, actual);
        }

        var theirFlags = Theirs("pick", CV.Flags(new[] { "a", "b" })).AsFlags();
        var ourFlags = Ours("pick", WitValue.Flags(3, 0, 1));
        Assert.Equal(new[] { "a", "b", "c" }.Where((_, i) => ourFlags.IsFlagSet(i)), theirFlags);

        var theirSwap = Theirs("swap", CV.Tuple(new[] { CV.U8(9), CV.F32(2.5f) })).AsTuple();
        var ourSwap = Ours("swap", WitValue.Tuple(WitValue.U8(9), WitValue.F32(2.5f))).Items;
        Assert.Equal(theirSwap[0].AsF32(), ourSwap[0].AsF32());
        Assert.Equal(theirSwap[1].AsU8(), ourSwap[1].AsU8());
    }

    private static readonly string Scalars = $$"""
        (component
          {{Wat.Libc}}
          (core module $m
            (import "libc" "memory" (memory 1))
            (data (i32.const 3000) "onetwothree")
            (func (export "not") (param i32) (result i32) (i32.eqz (local.get 0)))
            (func (export "neg8") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
            (func (export "inc16") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
            (func (export "triple64") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3)))
            (func (export "twice64") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 2)))
            (func (export "next") (param i32) (result i32) (i32.rem_u (i32.add (local.get 0) (i32.const 1)) (i32.const 3)))
            (func (export "res") (param i32 i32 i32) (result i32) (if (result i32) (local.get 0) (then (local.get 2)) (else (local.get 1))))
            (func (export "optlen") (param i32 i32 i32) (result i32) (if (result i32) (local.get 0) (then (local.get 2)) (else (i32.const 99))))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0)) (i32.store (i32.const 20) (local.get 1)) (i32.const 16))
            (func (export "words") (result i32)
              (i32.store (i32.const 2048) (i32.const 3000)) (i32.store (i32.const 2052) (i32.const 3))
              (i32.store (i32.const 2056) (i32.const 3003)) (i32.store (i32.const 2060) (i32.const 3))
              (i32.store (i32.const 2064) (i32.const 3006)) (i32.store (i32.const 2068) (i32.const 5))
              (i32.store (i32.const 16) (i32.const 2048)) (i32.store (i32.const 20) (i32.const 3)) (i32.const 16)))
          (core instance $i (instantiate $m (with "libc" (instance $libc))))
          (type $color (enum "red" "green" "blue"))
          (export $color-e "color" (type $color))
          (func $not (param "b" bool) (result bool) (canon lift (core func $i "not")))
          (func $neg8 (param "x" s8) (result s8) (canon lift (core func $i "neg8")))
          (func $inc16 (param "x" u16) (result u16) (canon lift (core func $i "inc16")))
          (func $triple64 (param "x" s64) (result s64) (canon lift (core func $i "triple64")))
          (func $twice64 (param "x" f64) (result f64) (canon lift (core func $i "twice64")))
          (func $next (param "c" $color-e) (result $color-e) (canon lift (core func $i "next")))
          (func $res (param "r" (result u32 (error string))) (result u32) (canon lift (core func $i "res") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (func $optlen (param "o" (option string)) (result u32) (canon lift (core func $i "optlen") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (func $echo (param "s" string) (result string) (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (func $words (result (list string)) (canon lift (core func $i "words") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (export "not" (func $not))
          (export "neg8" (func $neg8))
          (export "inc16" (func $inc16))
          (export "triple64" (func $triple64))
          (export "twice64" (func $twice64))
          (export "next" (func $next))
          (export "res" (func $res))
          (export "optlen" (func $optlen))
          (export "echo" (func $echo))
          (export "words" (func $words)))
        """;

    [Fact]
    public void Scalars_enums_results_options_and_strings_match_wasmtime_components()
    {
        using var both = new BothRuntimes(Scalars);
        CV Theirs(string name, params CV[] args) => both.Theirs(name, args);
        WitValue Ours(string name, params WitValue[] args) => both.Ours(name, args);

        foreach (var b in new[] { true, false })
        {
            Assert.Equal(Theirs("not", CV.Bool(b)).AsBool(), Ours("not", WitValue.Bool(b)).AsBool());
        }

        foreach (var x in new sbyte[] { 0, 1, -128, 127 })
        {
            Assert.Equal(Theirs("neg8", CV.S8(x)).AsS8(), Ours("neg8", WitValue.S8(x)).AsS8());
        }

        foreach (var x in new ushort[] { 0, 41, ushort.MaxValue })
        {
            Assert.Equal(Theirs("inc16", CV.U16(x)).AsU16(), Ours("inc16", WitValue.U16(x)).AsU16());
        }

        foreach (var x in new[] { 0L, -7L, long.MaxValue / 2 })
        {
            Assert.Equal(Theirs("triple64", CV.S64(x)).AsS64(), Ours("triple64", WitValue.S64(x)).AsS64());
        }

        foreach (var x in new[] { 0.5, -1e300, double.PositiveInfinity })
        {
            Assert.Equal(Theirs("twice64", CV.F64(x)).AsF64(), Ours("twice64", WitValue.F64(x)).AsF64());
        }

        var names = new[] { "red", "green", "blue" };
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(Theirs("next", CV.Enum(names[c])).AsEnum(), names[Ours("next", WitValue.Enum(c)).CaseIndex]);
        }

        Assert.Equal(Theirs("res", CV.Ok(CV.U32(5))).AsU32(), Ours("res", WitValue.Ok(WitValue.U32(5))).AsU32());
        Assert.Equal(Theirs("res", CV.Err(CV.String("four"))).AsU32(), Ours("res", WitValue.Err(WitValue.String("four"))).AsU32());
        Assert.Equal(Theirs("optlen", CV.Some(CV.String("abc"))).AsU32(), Ours("optlen", WitValue.Some(WitValue.String("abc"))).AsU32());
        Assert.Equal(Theirs("optlen", CV.None()).AsU32(), Ours("optlen", WitValue.None).AsU32());

        foreach (var text in new[] { "", "hi", "ünïcödé ✓" })
        {
            Assert.Equal(Theirs("echo", CV.String(text)).AsString(), Ours("echo", WitValue.String(text)).AsString());
        }

        Assert.Equal(
            Theirs("words").AsList().Select(v => v.AsString()),
            Ours("words").Items.Select(v => v.AsString()));
    }

    /// <summary>One component instantiated on this runtime and on Wasmtime.Components.</summary>
    private sealed class BothRuntimes : IDisposable
    {
        private readonly ComponentRuntime _runtime = new();
        private readonly ComponentInstance _ours;
        private readonly Engine _engine = new(new Config().WithComponentModel(true));
        private readonly WasmtimeComponent _component;
        private readonly WasmtimeLinker _linker;
        private readonly Store _store;
        private readonly Wasmtime.Components.ComponentInstance _theirs;

        public BothRuntimes(string text)
        {
            var bytes = WatText.ToBinary(text);
            _ours = _runtime.Load(bytes).Instantiate();
            _component = WasmtimeComponent.FromBytes(_engine, bytes);
            _linker = new WasmtimeLinker(_engine);
            _store = new Store(_engine);
            _theirs = _linker.Instantiate(_store, _component);
        }

        public Func<string, WitValue[], WitValue> Ours => (name, args) => _ours.GetFunction(name)!.Invoke(args)[0];

        public Func<string, CV[], CV> Theirs => (name, args) => _theirs.GetFunction(name)!.Call(args)!;

        public void Dispose()
        {
            _ours.Dispose();
            _store.Dispose();
            _linker.Dispose();
            _component.Dispose();
            _engine.Dispose();
            _runtime.Dispose();
        }
    }
}
