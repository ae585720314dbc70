using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>Host imports over core values (<see cref="RawHostFunction"/>), the path generated bindings use.</summary>
public class RawImportTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static readonly AbiFunctionType AddType = new([AbiType.U32, AbiType.U32], [AbiType.U32]);
    private static readonly AbiFunctionType GreetType = new([AbiType.String], [AbiType.String]);

    private static readonly string Component = $$"""
        (component
          (import "add" (func $add (param "a" u32) (param "b" u32) (result u32)))
          (import "greet" (func $greet (param "name" string) (result string)))
          {{Wat.Libc}}
          (core func $add (canon lower (func $add)))
          (core func $greet (canon lower (func $greet) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core module $m
            (import "host" "add" (func $add (param i32 i32) (result i32)))
            (import "host" "greet" (func $greet (param i32 i32 i32)))
            (import "libc" "memory" (memory 1))
            (data (i32.const 100) "guest")
            (func (export "sum") (param i32) (result i32) (call $add (local.get 0) (i32.const 2)))
            (func (export "greeting") (result i32) (call $greet (i32.const 100) (i32.const 5) (i32.const 200)) (i32.const 200)))
          (core instance $i (instantiate $m
            (with "host" (instance (export "add" (func $add)) (export "greet" (func $greet))))
            (with "libc" (instance $libc))))
          (func $sum (param "x" u32) (result u32) (canon lift (core func $i "sum")))
          (func $greeting (result string) (canon lift (core func $i "greeting") (memory (core memory $libc "memory"))))
          (export "sum" (func $sum))
          (export "greeting" (func $greeting)))
        """;

    private static HostImports Host(List<string>? log = null) => new HostImports()
        .DefineRawFunction("add", AddType, (_, slots) =>
        {
            log?.Add($"add {slots[0].U32} {slots[1].U32}");
            slots[0] = RawValue.FromU32(slots[0].U32 + slots[1].U32);
        })
        .DefineRawFunction("greet", GreetType, (cx, slots) =>
        {
            var name = CanonicalAbi.LiftString(cx, slots[0].U32, slots[1].U32);
            log?.Add($"greet {name}");
            CanonicalAbi.StoreString(cx, $"Hello, {name}!", slots[2].U32);
        });

    [Fact]
    public void Imports_use_wasmtime_unchecked_host_functions_with_this_wasmtime_package()
    {
        // Otherwise every import silently falls back to Wasmtime .NET's boxed callbacks (~6x slower).
        Assert.True(WitBindgen.Runtime.Interop.UncheckedFunctions.Supported);
    }

    [Fact]
    public void Scalars_arrive_and_return_in_slots()
    {
        var log = new List<string>();
        using var instance = Runtime.LoadText(Component).Instantiate(Host(log));
        Assert.Equal(42u, instance.GetFunction("sum")!.Invoke(WitValue.U32(40))[0].AsU32());
        Assert.Equal(["add 40 2"], log);
    }

    [Fact]
    public void Strings_are_lifted_from_and_stored_into_the_callers_memory()
    {
        var log = new List<string>();
        using var instance = Runtime.LoadText(Component).Instantiate(Host(log));
        Assert.Equal("Hello, guest!", instance.GetFunction("greeting")!.Invoke()[0].AsString());
        Assert.Equal(["greet guest"], log);
    }

    [Fact]
    public void A_signature_mismatch_is_a_link_error_naming_the_import()
    {
        var wrong = new HostImports()
            .DefineRawFunction("add", new AbiFunctionType([AbiType.U64, AbiType.U32], [AbiType.U32]), (_, _) => { })
            .DefineRawFunction("greet", GreetType, (_, _) => { });
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(Component).Instantiate(wrong));
        Assert.Contains("'add'", e.Message);
        Assert.Contains("parameter 1: expected u64, found u32", e.Message);
    }

    [Fact]
    public void A_host_function_of_the_same_core_signature_but_another_type_is_a_link_error()
    {
        // s32 and u32 lower to the same i32: only the component-level types tell them apart.
        var wrong = new HostImports()
            .DefineRawFunction("add", new AbiFunctionType([AbiType.S32, AbiType.U32], [AbiType.U32]), (_, _) => { })
            .DefineRawFunction("greet", GreetType, (_, _) => { });
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(Component).Instantiate(wrong));
        Assert.Contains("func(u32, u32) -> u32", e.Message);
        Assert.Contains("func(s32, u32) -> u32", e.Message);
        Assert.Contains("parameter 1: expected s32, found u32", e.Message);
    }

    [Fact]
    public void Host_exceptions_reach_the_caller_unchanged()
    {
        var failing = Host().DefineRawFunction("add", AddType, (_, _) => throw new InvalidOperationException("host says no"));
        using var instance = Runtime.LoadText(Component).Instantiate(failing);
        var e = Assert.Throws<InvalidOperationException>(() => instance.GetFunction("sum")!.Invoke(WitValue.U32(1)));
        Assert.Equal("host says no", e.Message);
    }

    [Fact]
    public void Handles_get_a_per_call_scope_and_borrows_are_checked()
    {
        var component = Runtime.LoadText("""
            (component
              (import "host" (instance $h
                (export "r" (type $r (sub resource)))
                (export "make" (func (result (own $r))))
                (export "get" (func (param "self" (borrow $r)) (result u32)))))
              (alias export $h "r" (type $r))
              (alias export $h "make" (func $make))
              (alias export $h "get" (func $get))
              (core func $make (canon lower (func $make)))
              (core func $get (canon lower (func $get)))
              (core func $drop (canon resource.drop $r))
              (core module $m
                (import "h" "make" (func $make (result i32)))
                (import "h" "get" (func $get (param i32) (result i32)))
                (import "h" "drop" (func $drop (param i32)))
                (func (export "run") (result i32) (local $h i32) (local $v i32)
                  (local.set $h (call $make))
                  (local.set $v (call $get (local.get $h)))
                  (call $drop (local.get $h))
                  (local.get $v)))
              (core instance $i (instantiate $m
                (with "h" (instance (export "make" (func $make)) (export "get" (func $get)) (export "drop" (func $drop))))))
              (func $run (result u32) (canon lift (core func $i "run")))
              (export "run" (func $run)))
            """);
        var dropped = new List<int>();
        var imports = new HostImports();
        var host = imports.DefineInstance("host");
        var r = host.DefineResource("r", dropped.Add);
        var own = AbiType.Own(r);
        var borrow = AbiType.Borrow(r);
        host.DefineRawFunction("make", new AbiFunctionType([], [own]), (cx, slots) =>
            slots[0] = RawValue.FromU32(cx.Resources!.LowerOwn(own, new ResourceValue(r, 7))));
        host.DefineRawFunction("get", new AbiFunctionType([borrow], [AbiType.U32]), (cx, slots) =>
        {
            var value = (ResourceValue)cx.Resources!.LiftBorrow(borrow, slots[0].U32);
            slots[0] = RawValue.FromU32((uint)value.Rep * 10);
        });

        using var instance = component.Instantiate(imports);
        Assert.Equal(70u, instance.GetFunction("run")!.Invoke()[0].AsU32());
        Assert.Equal([7], dropped);
    }
}
