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
        var bytes = WatText.ToBinary(Component);
        using var runtime = new ComponentRuntime();
        using var ours = runtime.Load(bytes).Instantiate();

        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, bytes);
        using var linker = new WasmtimeLinker(engine);
        using var store = new Store(engine);
        var theirs = linker.Instantiate(store, component);
        CV Theirs(string name, params CV[] args) => theirs.GetFunction(name)!.Call(args)!;
        WitValue Ours(string name, params WitValue[] args) => ours.GetFunction(name)!.Invoke(args)[0];

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
}
