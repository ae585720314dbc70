using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary><see cref="HostImports.DefineUnknownAsTraps"/>.</summary>
public class UnknownImportsTests
{
    private static readonly ComponentRuntime Runtime = new();

    // One import of each kind DefineUnknownAsTraps covers: a function, an instance with a resource
    // and two functions (one a method), and a resource type. Exports call each function import and
    // take ownership of both resources, dropping them.
    private const string AllKinds = """
        (component
          (import "answer" (func $answer (result u32)))
          (import "a:b/files@0.2.0" (instance $files
            (export "file" (type $file (sub resource)))
            (export "open" (func (result (own $file))))
            (export "[method]file.size" (func (param "self" (borrow $file)) (result u32)))))
          (import "token" (type $token (sub resource)))
          (alias export $files "file" (type $file))
          (alias export $files "open" (func $open))
          (alias export $files "[method]file.size" (func $size))
          (core func $answer (canon lower (func $answer)))
          (core func $open (canon lower (func $open)))
          (core func $size (canon lower (func $size)))
          (core func $drop-file (canon resource.drop $file))
          (core func $drop-token (canon resource.drop $token))
          (core module $m
            (import "h" "answer" (func $answer (result i32)))
            (import "h" "open" (func $open (result i32)))
            (import "h" "size" (func $size (param i32) (result i32)))
            (import "h" "drop-file" (func $drop-file (param i32)))
            (import "h" "drop-token" (func $drop-token (param i32)))
            (func (export "answer") (result i32) (call $answer))
            (func (export "open") (call $drop-file (call $open)))
            (func (export "size") (param i32) (result i32) (local $s i32)
              (local.set $s (call $size (local.get 0)))
              (call $drop-file (local.get 0))
              (local.get $s))
            (func (export "take-token") (param i32) (call $drop-token (local.get 0))))
          (core instance $i (instantiate $m (with "h" (instance
            (export "answer" (func $answer)) (export "open" (func $open)) (export "size" (func $size))
            (export "drop-file" (func $drop-file)) (export "drop-token" (func $drop-token))))))
          (func (export "answer") (result u32) (canon lift (core func $i "answer")))
          (func (export "open") (canon lift (core func $i "open")))
          (func (export "size") (param "f" (own $file)) (result u32) (canon lift (core func $i "size")))
          (func (export "take-token") (param "t" (own $token)) (canon lift (core func $i "take-token"))))
        """;

    [Fact]
    public void Every_import_becomes_a_trap_that_names_it()
    {
        var component = Runtime.LoadText(AllKinds);
        var imports = new HostImports().DefineUnknownAsTraps(component);
        Assert.Equal(new[] { "answer", "a:b/files@0.2.0", "token" }, imports.Names);

        using var instance = component.Instantiate(imports);
        var e = Assert.Throws<NotImplementedException>(() => instance.GetFunction("answer")!.Invoke());
        Assert.Equal("import 'answer' is not implemented", e.Message);

        using var other = component.Instantiate(imports);
        e = Assert.Throws<NotImplementedException>(() => other.GetFunction("open")!.Invoke());
        Assert.Equal("import 'a:b/files@0.2.0#open' is not implemented", e.Message);
    }

    [Fact]
    public void Trap_resource_types_are_real_host_resource_types()
    {
        var component = Runtime.LoadText(AllKinds);
        var imports = new HostImports().DefineUnknownAsTraps(component);
        var token = Assert.IsType<State.ResourceType>(imports.Find("token"));
        var file = Assert.IsType<State.ResourceType>(((HostInstance)imports.Find("a:b/files@0.2.0")!).Exports["file"]);
        using var instance = component.Instantiate(imports);

        // Handles of both types move into the guest, which drops them (no destructor to run).
        instance.GetFunction("take-token")!.Invoke(WitValue.Handle(new ResourceValue(token, 1)));
        Assert.Equal(0, instance.State.Handles.Count);

        // A handle of the wrong type is refused.
        Assert.Throws<ArgumentException>(() => instance.GetFunction("take-token")!.Invoke(WitValue.Handle(new ResourceValue(file, 1))));

        // A method with no implementation traps by name.
        var e = Assert.Throws<NotImplementedException>(() => instance.GetFunction("size")!.Invoke(WitValue.Handle(new ResourceValue(file, 2))));
        Assert.Equal("import 'a:b/files@0.2.0#[method]file.size' is not implemented", e.Message);
    }

    [Fact]
    public void Defined_imports_are_kept_and_partly_defined_instances_are_completed()
    {
        var component = Runtime.LoadText(AllKinds);
        var dropped = new List<int>();
        var imports = new HostImports().DefineFunction("answer", _ => new[] { WitValue.U32(42) });

        // A semver-compatible implementation counts as defined: it is completed, not shadowed.
        var files = imports.DefineInstance("a:b/files@0.2.3");
        var file = files.DefineResource("file", dropped.Add);
        files.DefineFunction("[method]file.size", args => new[] { WitValue.U32((uint)((ResourceValue)args[0].AsHandle()).Rep * 10) });
        imports.DefineUnknownAsTraps(component);
        Assert.Equal(new[] { "answer", "a:b/files@0.2.3", "token" }, imports.Names);
        Assert.Same(file, files.Exports["file"]);
        Assert.True(files.Exports.ContainsKey("open"));

        using var instance = component.Instantiate(imports);
        Assert.Equal(42u, instance.GetFunction("answer")!.Invoke()[0].AsU32());
        Assert.Equal(30u, instance.GetFunction("size")!.Invoke(WitValue.Handle(new ResourceValue(file, 3)))[0].AsU32());
        Assert.Equal(new[] { 3 }, dropped);
        var e = Assert.Throws<NotImplementedException>(() => instance.GetFunction("open")!.Invoke());
        Assert.Equal("import 'a:b/files@0.2.3#open' is not implemented", e.Message);
    }

    [Fact]
    public void Definitions_made_afterwards_replace_the_traps()
    {
        var component = Runtime.LoadText(AllKinds);
        var imports = new HostImports().DefineUnknownAsTraps(component);
        imports.DefineFunction("answer", _ => new[] { WitValue.U32(7) });
        using var instance = component.Instantiate(imports);
        Assert.Equal(7u, instance.GetFunction("answer")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void Nested_instances_are_filled_and_eq_bounded_type_imports_need_nothing()
    {
        // An instance that exports an instance (with a function and a resource), and type imports bounded by eq:
        // one equal to that nested resource, one equal to a record.
        var component = Runtime.LoadText("""
            (component
              (import "a:b/outer" (instance $outer
                (export "inner" (instance
                  (export "r" (type (sub resource)))
                  (export "make" (func (result (own 0))))))
                (export "count" (func (result u32)))))
              (alias export $outer "inner" (instance $inner))
              (alias export $inner "r" (type $r))
              (alias export $inner "make" (func $make))
              (alias export $outer "count" (func $count))
              (import "r" (type $r2 (eq $r)))
              (type $pair (record (field "a" u32) (field "b" u32)))
              (import "pair" (type $pair2 (eq $pair)))
              (core func $make (canon lower (func $make)))
              (core func $count (canon lower (func $count)))
              (core module $m
                (import "h" "make" (func $make (result i32)))
                (import "h" "count" (func $count (result i32)))
                (func (export "make") (result i32) (call $make))
                (func (export "count") (result i32) (call $count))
                (func (export "first") (param i32 i32) (result i32) (local.get 0)))
              (core instance $i (instantiate $m (with "h" (instance (export "make" (func $make)) (export "count" (func $count))))))
              (func (export "make") (result (own $r2)) (canon lift (core func $i "make")))
              (func (export "count") (result u32) (canon lift (core func $i "count")))
              (func (export "first") (param "p" $pair2) (result u32) (canon lift (core func $i "first"))))
            """);
        var imports = new HostImports().DefineUnknownAsTraps(component);
        Assert.Equal(new[] { "a:b/outer" }, imports.Names);
        var outer = (HostInstance)imports.Find("a:b/outer")!;
        var inner = Assert.IsType<HostInstance>(outer.Exports["inner"]);
        Assert.IsType<State.ResourceType>(inner.Exports["r"]);

        using var instance = component.Instantiate(imports);
        Assert.Equal(3u, instance.GetFunction("first")!.Invoke(WitValue.Record(WitValue.U32(3), WitValue.U32(4)))[0].AsU32());
        var e = Assert.Throws<NotImplementedException>(() => instance.GetFunction("make")!.Invoke());
        Assert.Equal("import 'a:b/outer#inner#make' is not implemented", e.Message);

        // The nested resource, defined by the host, is the type the eq-bounded import stands for.
        var defined = new HostImports();
        var r = defined.DefineInstance("a:b/outer").DefineInstance("inner").DefineResource("r");
        defined.DefineInstance("a:b/outer").DefineInstance("inner").DefineFunction("make", _ => [WitValue.Handle(new ResourceValue(r, 12))]);
        defined.DefineUnknownAsTraps(component);
        using var second = component.Instantiate(defined);
        var made = (ResourceValue)second.GetFunction("make")!.Invoke()[0].AsHandle();
        Assert.Same(r, made.Type);
        Assert.Equal(12, made.Rep);
    }

    [Fact]
    public void A_top_level_resource_type_import_is_defined_with_DefineResource()
    {
        var component = Runtime.LoadText("""
            (component
              (import "token" (type $token (sub resource)))
              (core func $drop (canon resource.drop $token))
              (core module $m
                (import "h" "drop" (func $drop (param i32)))
                (func (export "take") (param i32) (call $drop (local.get 0))))
              (core instance $i (instantiate $m (with "h" (instance (export "drop" (func $drop))))))
              (func (export "take") (param "t" (own $token)) (canon lift (core func $i "take"))))
            """);
        var dropped = new List<int>();
        var imports = new HostImports();
        var token = imports.DefineResource("token", dropped.Add);
        using var instance = component.Instantiate(imports);
        instance.GetFunction("take")!.Invoke(WitValue.Handle(new ResourceValue(token, 5)));
        Assert.Equal(new[] { 5 }, dropped);
    }

    [Fact]
    public void Imports_of_other_kinds_stay_undefined()
    {
        var component = Runtime.LoadText("""
            (component
              (import "m" (core module))
              (import "f" (func)))
            """);
        var imports = new HostImports().DefineUnknownAsTraps(component);
        Assert.Equal(new[] { "f" }, imports.Names);
        var e = Assert.Throws<ComponentLinkException>(() => component.Instantiate(imports));
        Assert.Contains("missing: m", e.Message);
    }
}
