using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>The allocation-free call path generated bindings use: lower into slots, call, lift, complete.</summary>
public class RawCallTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Component = $$"""
        (component
          {{Wat.Libc}}
          (core module $m
            (import "libc" "memory" (memory 1))
            (global $post (mut i32) (i32.const 0))
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0))
              (i32.store (i32.const 20) (local.get 1))
              (i32.const 16))
            (func (export "echo-post") (param i32) (global.set $post (i32.add (global.get $post) (i32.const 1))))
            (func (export "posts") (result i32) (global.get $post))
            (func (export "boom") (param i32) (result i32) unreachable))
          (core instance $i (instantiate $m (with "libc" (instance $libc))))
          (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func $echo (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
              (post-return (core func $i "echo-post"))))
          (func $posts (result u32) (canon lift (core func $i "posts")))
          (func $boom (param "x" u32) (result u32) (canon lift (core func $i "boom")))
          (export "add" (func $add))
          (export "echo" (func $echo))
          (export "posts" (func $posts))
          (export "boom" (func $boom)))
        """;

    [Fact]
    public void Scalars_go_through_slots()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var add = instance.GetRawFunction("add")!;
        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0] = RawValue.FromU32(40);
        slots[1] = RawValue.FromU32(2);
        var entered = add.Call(slots);
        var sum = slots[0].U32;
        add.Complete(entered, slots);
        Assert.Equal(42u, sum);
        Assert.Equal(2, add.Type.LiftSignature.Parameters.Length);
    }

    [Fact]
    public void Strings_lower_and_lift_with_the_function_options_and_post_return_runs()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var echo = instance.GetRawFunction("echo")!;
        var cx = echo.CreateContext();
        Span<RawValue> slots = stackalloc RawValue[2];
        foreach (var text in new[] { "", "héllo", "🎉 wide" })
        {
            var slice = CanonicalAbi.LowerString(cx, text);
            slots[0] = RawValue.FromU32(slice.Pointer);
            slots[1] = RawValue.FromU32(slice.Length);
            var entered = echo.Call(slots);
            string result;
            try
            {
                var pointer = slots[0].U32;
                result = CanonicalAbi.LoadString(cx, pointer);
            }
            finally
            {
                echo.Complete(entered, slots);
            }

            Assert.Equal(text, result);
        }

        Assert.Equal(3u, instance.GetFunction("posts")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void A_trap_becomes_a_component_trap_and_poisons_the_instance()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var boom = instance.GetRawFunction("boom")!;
        var slots = new RawValue[1];
        var error = Assert.Throws<ComponentTrapException>(() => boom.Call(slots));
        Assert.Contains("boom", error.Message);
        Assert.Throws<ComponentTrapException>(() => instance.GetFunction("add")!.Invoke(WitValue.U32(1), WitValue.U32(2)));
    }

    [Fact]
    public void Too_few_slots_is_an_argument_error_that_leaves_the_instance_usable()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var add = instance.GetRawFunction("add")!;
        Assert.Throws<ArgumentException>(() => add.Call(new RawValue[1]));

        var slots = new[] { RawValue.FromU32(1), RawValue.FromU32(2) };
        var entered = add.Call(slots);
        add.Complete(entered, slots);
        Assert.Equal(3u, slots[0].U32);
    }

    [Fact]
    public void Unknown_names_give_null()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        Assert.Null(instance.GetRawFunction("nope"));
        Assert.Null(instance.GetRawFunction("missing-instance", "add"));
    }

    [Fact]
    public void Using_a_disposed_instance_throws_ObjectDisposedException_instead_of_touching_freed_memory()
    {
        var instance = Runtime.LoadText(Component).Instantiate();
        var add = instance.GetRawFunction("add")!;
        var echo = instance.GetRawFunction("echo")!;
        var dynamicAdd = instance.GetFunction("add")!;
        var cx = echo.CreateContext();
        instance.Dispose();

        Assert.Throws<ObjectDisposedException>(() => add.Call(new RawValue[2]));
        Assert.Throws<ObjectDisposedException>(() => dynamicAdd.Invoke(WitValue.U32(1), WitValue.U32(2)));
        Assert.Throws<ObjectDisposedException>(() => CanonicalAbi.LowerString(cx, "text"));
        Assert.Throws<ObjectDisposedException>(() => echo.Memory!.GetSpan().Length);
    }

    [Fact]
    public void Memory_has_its_current_size_and_a_realloc_block_outside_it_traps()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var echo = instance.GetRawFunction("echo")!;
        Assert.Equal(65536, echo.Memory!.GetSpan().Length);

        // A string larger than the page forces the bump allocator past the end: realloc's block
        // must be inside memory, so the lowering traps rather than writing out of bounds.
        var cx = echo.CreateContext();
        Assert.Throws<ComponentTrapException>(() => CanonicalAbi.LowerString(cx, new string('x', 70000)));
    }

    [Fact]
    public void The_native_memory_view_matches_the_managed_one_and_follows_growth()
    {
        using var engine = new Wasmtime.Engine();
        using var store = new Wasmtime.Store(engine);
        using var module = Wasmtime.Module.FromText(engine, "m", "(module (memory (export \"memory\") 1) (data (i32.const 5) \"hi\"))");
        var memory = new Wasmtime.Instance(store, module).GetMemory("memory")!;
        // wasmtime_memory_t's layout (a wrong one made wasmtime_memory_data read past the struct and panic).
        Assert.Equal(24, System.Runtime.InteropServices.Marshal.SizeOf<WitBindgen.Runtime.Interop.NativeMemory>());
        Assert.Equal(16, (int)System.Runtime.InteropServices.Marshal.OffsetOf<WitBindgen.Runtime.Interop.NativeMemory>(nameof(WitBindgen.Runtime.Interop.NativeMemory.Private2)));

        var view = WitBindgen.Runtime.Interop.NativeMemoryView.TryCreate(memory);
        Assert.NotNull(view);
        Assert.Equal(memory.GetLength(), view.GetSpan().Length);
        Assert.Equal((byte)'h', view.GetSpan()[5]);
        view.GetSpan()[100] = 42;
        Assert.Equal(42, memory.ReadByte(100));
    }

    [Fact]
    public void The_native_memory_view_follows_growth_by_guest_code()
    {
        using var engine = new Wasmtime.Engine();
        using var store = new Wasmtime.Store(engine);
        using var module = Wasmtime.Module.FromText(engine, "m", """
            (module (memory (export "memory") 1)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "poke") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))
            """);
        var instance = new Wasmtime.Instance(store, module);
        var view = WitBindgen.Runtime.Interop.NativeMemoryView.TryCreate(instance.GetMemory("memory")!)!;
        var grow = new WitBindgen.Runtime.Interop.CoreFunction(instance.GetFunction("grow")!);
        var poke = new WitBindgen.Runtime.Interop.CoreFunction(instance.GetFunction("poke")!);
        Assert.Equal(65536, view.GetSpan().Length);

        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0] = RawValue.FromI32(2);
        grow.Call(slots);
        Assert.Equal(1, slots[0].I32);
        Assert.Equal(3 * 65536, view.GetSpan().Length);

        slots[0] = RawValue.FromI32((3 * 65536) - 1);
        slots[1] = RawValue.FromI32(7);
        poke.Call(slots);
        Assert.Equal(7, view.GetSpan()[(3 * 65536) - 1]);
    }

    [Fact]
    public void A_host_import_reads_a_string_the_guest_put_in_memory_it_grew_just_before_the_call()
    {
        // Within one call the guest passes "old" to the host, grows its memory, writes "grown" at the start of
        // the new page and passes that: the host function's view of memory, read by the first import call, must
        // see the new page in the second.
        const string text = $$"""
            (component
              (import "take" (func $take (param "s" string)))
              {{Wat.Libc}}
              (core func $take-core (canon lower (func $take) (memory (core memory $libc "memory"))))
              (core module $m
                (import "libc" "memory" (memory 1))
                (import "host" "take" (func $take (param i32 i32)))
                (func (export "run") (local $p i32)
                  (i32.store8 (i32.const 8) (i32.const 111))
                  (i32.store8 (i32.const 9) (i32.const 108))
                  (i32.store8 (i32.const 10) (i32.const 100))
                  (call $take (i32.const 8) (i32.const 3))
                  (local.set $p (i32.shl (memory.grow (i32.const 1)) (i32.const 16)))
                  (i32.store8 (local.get $p) (i32.const 103))
                  (i32.store8 (i32.add (local.get $p) (i32.const 1)) (i32.const 114))
                  (i32.store8 (i32.add (local.get $p) (i32.const 2)) (i32.const 111))
                  (i32.store8 (i32.add (local.get $p) (i32.const 3)) (i32.const 119))
                  (i32.store8 (i32.add (local.get $p) (i32.const 4)) (i32.const 110))
                  (call $take (local.get $p) (i32.const 5))))
              (core instance $i (instantiate $m (with "libc" (instance $libc)) (with "host" (instance (export "take" (func $take-core))))))
              (func (export "run") (canon lift (core func $i "run"))))
            """;
        var taken = new List<string>();
        var imports = new HostImports().DefineFunction("take", args =>
        {
            taken.Add(args[0].AsString());
            return [];
        });
        using var instance = Runtime.Load(WatText.ToBinary(text)).Instantiate(imports);
        var run = instance.GetRawFunction("run")!;
        Span<RawValue> slots = stackalloc RawValue[1];
        for (var i = 0; i < 3; i++)
        {
            taken.Clear();
            var entered = run.Call(slots);
            run.Complete(entered, slots);
            Assert.Equal(["old", "grown"], taken);
        }
    }
}
