using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Resources across a live link: an <c>own</c> handle moves from one instance's handle table to the other's (the
/// resource type stays the one its defining instance or the host created), a <c>borrow</c> is lent for the call and
/// must be dropped by the callee before it returns, both ways.
/// </summary>
public class LinkedResourceTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>Defines the resource "thing" (the representation is the number it was made with).</summary>
    private const string Maker = """
        (component
          (type $thing (resource (rep i32)))
          (export $thing-e "thing" (type $thing))
          (core func $new (canon resource.new $thing))
          (core func $rep (canon resource.rep $thing))
          (core func $drop (canon resource.drop $thing))
          (core module $m
            (import "r" "new" (func $new (param i32) (result i32)))
            (import "r" "rep" (func $rep (param i32) (result i32)))
            (import "r" "drop" (func $drop (param i32)))
            (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
            (func (export "value") (param i32) (result i32) (local.get 0))
            (func (export "consume") (param i32) (result i32) (local $r i32)
              (local.set $r (call $rep (local.get 0)))
              (call $drop (local.get 0))
              (local.get $r)))
          (core instance $i (instantiate $m (with "r" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
          (func $make (param "v" u32) (result (own $thing-e)) (canon lift (core func $i "make")))
          (func $value (param "t" (borrow $thing-e)) (result u32) (canon lift (core func $i "value")))
          (func $consume (param "t" (own $thing-e)) (result u32) (canon lift (core func $i "consume")))
          (export "make" (func $make))
          (export "value" (func $value))
          (export "consume" (func $consume)))
        """;

    /// <summary>Uses "thing": makes one through the link, lends it back, then gives it back.</summary>
    private const string MakerUser = """
        (component
          (import "thing" (type $thing (sub resource)))
          (import "make" (func $make (param "v" u32) (result (own $thing))))
          (import "value" (func $value (param "t" (borrow $thing)) (result u32)))
          (import "consume" (func $consume (param "t" (own $thing)) (result u32)))
          (core func $make (canon lower (func $make)))
          (core func $value (canon lower (func $value)))
          (core func $consume (canon lower (func $consume)))
          (core module $m
            (import "l" "make" (func $make (param i32) (result i32)))
            (import "l" "value" (func $value (param i32) (result i32)))
            (import "l" "consume" (func $consume (param i32) (result i32)))
            (func (export "roundtrip") (param i32) (result i32) (local $h i32)
              (local.set $h (call $make (local.get 0)))
              (i32.add (i32.mul (call $value (local.get $h)) (i32.const 1000)) (call $consume (local.get $h))))
            (func (export "keep") (param i32) (result i32) (call $make (local.get 0))))
          (core instance $i (instantiate $m (with "l" (instance (export "make" (func $make)) (export "value" (func $value)) (export "consume" (func $consume))))))
          (func (export "roundtrip") (param "v" u32) (result u32) (canon lift (core func $i "roundtrip")))
          (func (export "keep") (param "v" u32) (result (own $thing)) (canon lift (core func $i "keep"))))
        """;

    [Fact]
    public void A_resource_defined_by_the_callee_moves_to_the_caller_is_lent_back_and_given_back()
    {
        using var maker = Runtime.LoadText(Maker).Instantiate();
        using var user = Runtime.LoadText(MakerUser).Instantiate(new HostImports().LinkExports(maker));

        Assert.Equal(42u * 1000 + 42, user.GetFunction("roundtrip")!.Invoke(WitValue.U32(42))[0].AsU32());
        Assert.Equal(0, maker.State.Handles.Count);
        Assert.Equal(0, user.State.Handles.Count);

        // The handle the caller got is of the maker's own resource type: the host can use it with the maker directly.
        var kept = (ResourceValue)user.GetFunction("keep")!.Invoke(WitValue.U32(7))[0].AsHandle();
        Assert.Same(maker.FindExport("thing"), kept.Type);
        Assert.Equal(7u, maker.GetFunction("value")!.Invoke(WitValue.Handle(kept))[0].AsU32());
        Assert.Equal(7u, maker.GetFunction("consume")!.Invoke(WitValue.Handle(kept))[0].AsU32());
    }

    /// <summary>Takes "token" (a host resource) as a borrow it drops, one it forgets to drop, and as an owned handle.</summary>
    private const string Taker = """
        (component
          (import "token" (type $token (sub resource)))
          (core func $drop (canon resource.drop $token))
          (core module $m
            (import "r" "drop" (func $drop (param i32)))
            (func (export "peek") (param i32) (result i32) (call $drop (local.get 0)) (i32.add (local.get 0) (i32.const 100)))
            (func (export "peek-leak") (param i32) (result i32) (i32.const 8))
            (func (export "take") (param i32) (result i32) (call $drop (local.get 0)) (i32.const 9)))
          (core instance $i (instantiate $m (with "r" (instance (export "drop" (func $drop))))))
          (func (export "peek") (param "t" (borrow $token)) (result u32) (canon lift (core func $i "peek")))
          (func (export "peek-leak") (param "t" (borrow $token)) (result u32) (canon lift (core func $i "peek-leak")))
          (func (export "take") (param "t" (own $token)) (result u32) (canon lift (core func $i "take"))))
        """;

    /// <summary>Owns a token (from the host), lends it to the taker, then gives it away.</summary>
    private const string Giver = """
        (component
          (import "token" (type $token (sub resource)))
          (import "peek" (func $peek (param "t" (borrow $token)) (result u32)))
          (import "peek-leak" (func $peek-leak (param "t" (borrow $token)) (result u32)))
          (import "take" (func $take (param "t" (own $token)) (result u32)))
          (core func $peek (canon lower (func $peek)))
          (core func $peek-leak (canon lower (func $peek-leak)))
          (core func $take (canon lower (func $take)))
          (core module $m
            (import "l" "peek" (func $peek (param i32) (result i32)))
            (import "l" "peek-leak" (func $peek-leak (param i32) (result i32)))
            (import "l" "take" (func $take (param i32) (result i32)))
            (func (export "run") (param i32) (result i32)
              (i32.add (i32.mul (call $peek (local.get 0)) (i32.const 1000)) (call $take (local.get 0))))
            (func (export "leak") (param i32) (result i32) (call $peek-leak (local.get 0))))
          (core instance $i (instantiate $m (with "l" (instance (export "peek" (func $peek)) (export "peek-leak" (func $peek-leak)) (export "take" (func $take))))))
          (func (export "run") (param "t" (own $token)) (result u32) (canon lift (core func $i "run")))
          (func (export "leak") (param "t" (own $token)) (result u32) (canon lift (core func $i "leak"))))
        """;

    [Fact]
    public void A_host_resource_is_lent_to_the_callee_and_then_moved_into_it()
    {
        var dropped = new List<int>();
        var tokens = new HostImports();
        var token = tokens.DefineResource("token", dropped.Add);
        using var taker = Runtime.LoadText(Taker).Instantiate(tokens);
        using var giver = Runtime.LoadText(Giver).Instantiate(new HostImports().Add(tokens).LinkExports(taker));

        // The taker sees a borrow handle of its own (handle 1 in its empty table), drops it, then gets the owned handle
        // (moved out of the giver's table) and drops it, which runs the host destructor once.
        var result = giver.GetFunction("run")!.Invoke(WitValue.Handle(new ResourceValue(token, 5)))[0].AsU32();
        Assert.Equal(101u * 1000 + 9, result);
        Assert.Equal(new[] { 5 }, dropped);
        Assert.Equal(0, giver.State.Handles.Count);
        Assert.Equal(0, taker.State.Handles.Count);
    }

    [Fact]
    public void A_borrow_the_callee_does_not_drop_traps_and_poisons_both()
    {
        var tokens = new HostImports();
        var token = tokens.DefineResource("token");
        using var taker = Runtime.LoadText(Taker).Instantiate(tokens);
        using var giver = Runtime.LoadText(Giver).Instantiate(new HostImports().Add(tokens).LinkExports(taker));

        var trap = Assert.Throws<ComponentTrapException>(() => giver.GetFunction("leak")!.Invoke(WitValue.Handle(new ResourceValue(token, 5))));
        Assert.Equal(ComponentTrapKind.InvalidHandle, trap.Kind);
        Assert.Contains("not dropped", trap.Message);
        Assert.True(taker.State.Poisoned);
        Assert.True(giver.State.Poisoned);
    }

    [Fact]
    public void An_owned_handle_of_the_wrong_resource_type_is_refused_at_link_time()
    {
        // The user imports "thing" from the host, but its functions come from the maker, whose "thing" is its own type.
        using var maker = Runtime.LoadText(Maker).Instantiate();
        var imports = new HostImports();
        imports.DefineResource("thing");
        imports.Link("make", maker).Link("value", maker).Link("consume", maker);
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(MakerUser).Instantiate(imports));
        Assert.Contains("cannot link the import 'make' of component instance 'root' to the export 'make' of component instance 'root'", e.Message);
        Assert.Contains("result: expected own<thing>, found own<root/resource 0>: the resource types are not the same", e.Message);
    }
}
