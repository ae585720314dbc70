using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Resources, checked against CanonicalABI.md's rules for handle tables, ownership, lending and
/// destructors. These cannot be cross-checked with Wasmtime.Components: its dynamic API has no way
/// to create, pass or read back resource values (its <c>own</c> results cannot be read), so the
/// expected behaviour here comes from the spec.
/// </summary>
public class ResourceTests
{
    private static readonly ComponentRuntime Runtime = new();

    // A resource implemented by the guest: the representation is the constructor's argument, the
    // destructor adds the representation to a counter, and "consume" takes ownership and drops it.
    private const string Counter = """
        (component
          (core module $dm
            (global $dropped (export "dropped") (mut i32) (i32.const 0))
            (func (export "dtor") (param i32) (global.set $dropped (i32.add (global.get $dropped) (local.get 0)))))
          (core instance $d (instantiate $dm))
          (type $r (resource (rep i32) (dtor (core func $d "dtor"))))
          (export $re "r" (type $r))
          (core func $new (canon resource.new $r))
          (core func $rep (canon resource.rep $r))
          (core func $drop (canon resource.drop $r))
          (core module $m
            (import "res" "new" (func $new (param i32) (result i32)))
            (import "res" "rep" (func $rep (param i32) (result i32)))
            (import "res" "drop" (func $drop (param i32)))
            (import "d" "dropped" (global $dropped (mut i32)))
            (func (export "ctor") (param i32) (result i32) (call $new (local.get 0)))
            (func (export "get") (param i32) (result i32) (local.get 0))
            (func (export "consume") (param i32) (result i32) (local $v i32)
              (local.set $v (call $rep (local.get 0)))
              (call $drop (local.get 0))
              (local.get $v))
            (func (export "merge") (param i32 i32) (result i32) (local $v i32)
              (local.set $v (call $rep (local.get 1)))
              (call $drop (local.get 1))
              (i32.add (local.get 0) (local.get $v)))
            (func (export "dropped") (result i32) (global.get $dropped))
            (func (export "peek") (param i32) (result i32) (call $rep (local.get 0))))
          (core instance $i (instantiate $m
            (with "res" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))
            (with "d" (instance $d))))
          (func $ctor (param "v" u32) (result (own $re)) (canon lift (core func $i "ctor")))
          (func $get (param "self" (borrow $re)) (result u32) (canon lift (core func $i "get")))
          (func $consume (param "r" (own $re)) (result u32) (canon lift (core func $i "consume")))
          (func $merge (param "self" (borrow $re)) (param "other" (own $re)) (result u32) (canon lift (core func $i "merge")))
          (func $dropped (result u32) (canon lift (core func $i "dropped")))
          (func $peek (param "handle" u32) (result u32) (canon lift (core func $i "peek")))
          (export "ctor" (func $ctor))
          (export "get" (func $get))
          (export "consume" (func $consume))
          (export "merge" (func $merge))
          (export "dropped" (func $dropped))
          (export "peek" (func $peek)))
        """;

    [Fact]
    public void Guest_resources_are_constructed_borrowed_moved_and_destroyed()
    {
        using var instance = Runtime.LoadText(Counter).Instantiate();
        var ctor = instance.GetFunction("ctor")!;
        var get = instance.GetFunction("get")!;
        var consume = instance.GetFunction("consume")!;
        var dropped = instance.GetFunction("dropped")!;

        var a = (ResourceValue)ctor.Invoke(WitValue.U32(7))[0].AsHandle();
        var b = (ResourceValue)ctor.Invoke(WitValue.U32(100))[0].AsHandle();
        Assert.Equal(7, a.Rep);

        // A borrow of a resource the callee implements arrives as its representation.
        Assert.Equal(7u, get.Invoke(WitValue.Handle(a))[0].AsU32());
        Assert.Equal(0, instance.State.Handles.Count);

        // Moving ownership into the guest gives it a handle, which it drops: the destructor runs.
        Assert.Equal(100u, consume.Invoke(WitValue.Handle(b))[0].AsU32());
        Assert.Equal(100u, dropped.Invoke()[0].AsU32());
        Assert.Equal(0, instance.State.Handles.Count);

        // Dropping a resource the host owns runs the destructor in the guest.
        instance.Drop(a);
        Assert.Equal(107u, dropped.Invoke()[0].AsU32());
    }

    [Fact]
    public void A_resource_lent_to_a_call_cannot_also_be_moved_into_it()
    {
        // CanonicalABI.md: lifting an own handle traps while it is lent (num_lends != 0), so a caller cannot pass
        // one resource as a borrow and as an owned argument of the same call (the callee would destroy what it
        // borrows). The host holds no handle for a guest resource, so the call scope checks it when lowering.
        using var instance = Runtime.LoadText(Counter).Instantiate();
        var ctor = instance.GetFunction("ctor")!;
        var merge = instance.GetFunction("merge")!;
        var dropped = instance.GetFunction("dropped")!;
        var a = (ResourceValue)ctor.Invoke(WitValue.U32(7))[0].AsHandle();

        var trap = Assert.Throws<ComponentTrapException>(() => merge.Invoke(WitValue.Handle(a), WitValue.Handle(a)));
        Assert.Equal(ComponentTrapKind.InvalidHandle, trap.Kind);
        Assert.Contains("lent", trap.Message);
        Assert.Equal(0, instance.State.Handles.Count); // no handle reached the guest
        Assert.Throws<ComponentTrapException>(() => dropped.Invoke()); // a trap: the instance is unusable, as on Wasmtime

        using var other = Runtime.LoadText(Counter).Instantiate();
        var c = (ResourceValue)other.GetFunction("ctor")!.Invoke(WitValue.U32(7))[0].AsHandle();
        var d = (ResourceValue)other.GetFunction("ctor")!.Invoke(WitValue.U32(100))[0].AsHandle();
        Assert.Equal(107u, other.GetFunction("merge")!.Invoke(WitValue.Handle(c), WitValue.Handle(d))[0].AsU32());
        Assert.Equal(100u, other.GetFunction("dropped")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void Resources_of_another_instance_are_rejected()
    {
        using var first = Runtime.LoadText(Counter).Instantiate();
        using var second = Runtime.LoadText(Counter).Instantiate();
        var foreign = (ResourceValue)first.GetFunction("ctor")!.Invoke(WitValue.U32(1))[0].AsHandle();
        Assert.Throws<ArgumentException>(() => second.GetFunction("consume")!.Invoke(WitValue.Handle(foreign)));
    }

    [Fact]
    public void Host_resources_pass_through_guest_handle_tables()
    {
        var component = Runtime.LoadText("""
            (component
              (import "host:res/files" (instance $files
                (export "file" (type $file (sub resource)))
                (export "[method]file.size" (func (param "self" (borrow $file)) (result u32)))))
              (alias export $files "file" (type $file))
              (alias export $files "[method]file.size" (func $size))
              (core func $size (canon lower (func $size)))
              (core func $drop (canon resource.drop $file))
              (core module $m
                (import "files" "size" (func $size (param i32) (result i32)))
                (import "files" "drop" (func $drop (param i32)))
                (func (export "measure") (param i32) (result i32) (local $s i32)
                  (local.set $s (call $size (local.get 0)))
                  (call $drop (local.get 0))
                  (local.get $s)))
              (core instance $i (instantiate $m (with "files" (instance (export "size" (func $size)) (export "drop" (func $drop))))))
              (func $measure (param "f" (own $file)) (result u32) (canon lift (core func $i "measure")))
              (export "measure" (func $measure)))
            """);
        var destroyed = new List<int>();
        var imports = new HostImports();
        var files = imports.DefineInstance("host:res/files");
        var fileType = files.DefineResource("file", rep => destroyed.Add(rep));
        files.DefineFunction("[method]file.size", args => new[] { WitValue.U32((uint)((ResourceValue)args[0].AsHandle()).Rep * 10) });
        using var instance = component.Instantiate(imports);

        var result = instance.GetFunction("measure")!.Invoke(WitValue.Handle(new ResourceValue(fileType, 4)));
        Assert.Equal(40u, result[0].AsU32());
        Assert.Equal(new[] { 4 }, destroyed);
        Assert.Equal(0, instance.State.Handles.Count);
    }

    [Fact]
    public void Type_exports_equal_to_another_imports_resource_stand_for_that_resource()
    {
        // As WASI 0.2 does: wasi:io/streams re-exports wasi:io/error's resource as "error" with an
        // (eq ...) bound. The host implements "error" in a:b/errors only; aliasing the streams
        // instance's "error" must give the same resource type (for resource.drop and for handles).
        var component = Runtime.LoadText("""
            (component
              (import "a:b/errors" (instance $errors (export "error" (type (sub resource)))))
              (alias export $errors "error" (type $error))
              (import "a:b/streams" (instance $streams
                (alias outer 1 $error (type $outer-error))
                (export "error" (type $e (eq $outer-error)))
                (export "fail" (func (result (own $e))))))
              (alias export $streams "error" (type $streams-error))
              (alias export $streams "fail" (func $fail))
              (core func $fail (canon lower (func $fail)))
              (core func $drop (canon resource.drop $streams-error))
              (core module $m
                (import "h" "fail" (func $fail (result i32)))
                (import "h" "drop" (func $drop (param i32)))
                (func (export "run") (call $drop (call $fail))))
              (core instance $i (instantiate $m (with "h" (instance (export "fail" (func $fail)) (export "drop" (func $drop))))))
              (func $run (canon lift (core func $i "run")))
              (export "run" (func $run)))
            """);
        var dropped = new List<int>();
        var imports = new HostImports();
        var errorType = imports.DefineInstance("a:b/errors").DefineResource("error", dropped.Add);
        imports.DefineInstance("a:b/streams").DefineFunction("fail", _ => new[] { WitValue.Handle(new ResourceValue(errorType, 5)) });
        using var instance = component.Instantiate(imports);

        instance.GetFunction("run")!.Invoke();
        Assert.Equal(new[] { 5 }, dropped);
        Assert.Equal(0, instance.State.Handles.Count);
    }

    [Fact]
    public void Invalid_handles_trap_and_poison_only_that_instance()
    {
        using var bad = Runtime.LoadText(Counter).Instantiate();
        using var good = Runtime.LoadText(Counter).Instantiate();

        var trap = Assert.Throws<ComponentTrapException>(() => bad.GetFunction("peek")!.Invoke(WitValue.U32(12345)));
        Assert.Contains("handle", trap.Message);
        Assert.True(bad.State.Poisoned);

        // The trapped instance refuses further calls; the other instance is unaffected.
        Assert.Throws<ComponentTrapException>(() => bad.GetFunction("dropped")!.Invoke());
        var r = (ResourceValue)good.GetFunction("ctor")!.Invoke(WitValue.U32(9))[0].AsHandle();
        Assert.Equal(9, r.Rep);
    }

    [Fact]
    public void Two_instances_of_one_nested_component_have_distinct_resource_types()
    {
        using var instance = Runtime.LoadText("""
            (component
              (component $inner
                (type $r (resource (rep i32)))
                (export $re "r" (type $r))
                (core func $new (canon resource.new $r))
                (core module $m
                  (import "res" "new" (func $new (param i32) (result i32)))
                  (func (export "ctor") (param i32) (result i32) (call $new (local.get 0)))
                  (func (export "get") (param i32) (result i32) (local.get 0)))
                (core instance $i (instantiate $m (with "res" (instance (export "new" (func $new))))))
                (func $ctor (param "v" u32) (result (own $re)) (canon lift (core func $i "ctor")))
                (func $get (param "self" (borrow $re)) (result u32) (canon lift (core func $i "get")))
                (export "ctor" (func $ctor))
                (export "get" (func $get)))
              (instance $a (instantiate $inner))
              (instance $b (instantiate $inner))
              (export "a" (instance $a))
              (export "b" (instance $b)))
            """).Instantiate();
        var a = (ResourceValue)instance.GetFunction("a", "ctor")!.Invoke(WitValue.U32(1))[0].AsHandle();
        var b = (ResourceValue)instance.GetFunction("b", "ctor")!.Invoke(WitValue.U32(2))[0].AsHandle();
        Assert.NotSame(a.Type, b.Type);
        Assert.Equal(1u, instance.GetFunction("a", "get")!.Invoke(WitValue.Handle(a))[0].AsU32());
        Assert.Equal(2u, instance.GetFunction("b", "get")!.Invoke(WitValue.Handle(b))[0].AsU32());
        Assert.Throws<ArgumentException>(() => instance.GetFunction("b", "get")!.Invoke(WitValue.Handle(a)));
    }
}
