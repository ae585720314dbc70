using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

public class CallTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static string EchoComponent(string encoding) => $$"""
        (component
          {{Wat.Libc}}
          (core module $m
            (import "libc" "memory" (memory 1))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0))
              (i32.store (i32.const 20) (local.get 1))
              (i32.const 16))
            (func (export "units") (param i32 i32) (result i32) (local.get 1)))
          (core instance $i (instantiate $m (with "libc" (instance $libc))))
          (func $echo (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")) string-encoding={{encoding}}))
          (func $units (param "s" string) (result u32)
            (canon lift (core func $i "units") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")) string-encoding={{encoding}}))
          (export "echo" (func $echo))
          (export "units" (func $units)))
        """;

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    [InlineData("latin1+utf16")]
    public void Strings_round_trip_in_every_encoding(string encoding)
    {
        using var instance = Runtime.LoadText(EchoComponent(encoding)).Instantiate();
        var echo = instance.GetFunction("echo")!;
        foreach (var text in new[] { "", "plain ascii", "café crème", "Ωμέγα", "emoji 🎉🎈", new string('é', 3000) })
        {
            Assert.Equal(text, echo.Invoke(WitValue.String(text))[0].AsString());
        }
    }

    [Fact]
    public void The_guest_sees_its_own_encoding()
    {
        // "é" is 2 bytes in UTF-8, 1 code unit in UTF-16 and 1 byte in Latin-1.
        using var utf8 = Runtime.LoadText(EchoComponent("utf8")).Instantiate();
        using var utf16 = Runtime.LoadText(EchoComponent("utf16")).Instantiate();
        using var latin1 = Runtime.LoadText(EchoComponent("latin1+utf16")).Instantiate();
        Assert.Equal(6u, utf8.GetFunction("units")!.Invoke(WitValue.String("ééé"))[0].AsU32());
        Assert.Equal(3u, utf16.GetFunction("units")!.Invoke(WitValue.String("ééé"))[0].AsU32());
        Assert.Equal(3u, latin1.GetFunction("units")!.Invoke(WitValue.String("ééé"))[0].AsU32());

        // Outside Latin-1 the latin1+utf16 guest gets UTF-16 with the tag bit set.
        Assert.Equal((1u << 31) | 2u, latin1.GetFunction("units")!.Invoke(WitValue.String("Ωé"))[0].AsU32());
    }

    [Fact]
    public void More_than_sixteen_parameters_are_spilled_to_memory()
    {
        var parameters = string.Concat(Enumerable.Range(0, 18).Select(i => $"(param \"p{i}\" u32) "));
        using var instance = Runtime.LoadText($$"""
            (component
              {{Wat.Libc}}
              (core module $m
                (import "libc" "memory" (memory 1))
                (func (export "sum") (param $ptr i32) (result i32) (local $i i32) (local $acc i32)
                  (block $done (loop $next
                    (br_if $done (i32.eq (local.get $i) (i32.const 18)))
                    (local.set $acc (i32.add (local.get $acc)
                      (i32.load (i32.add (local.get $ptr) (i32.mul (local.get $i) (i32.const 4))))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $next)))
                  (local.get $acc)))
              (core instance $i (instantiate $m (with "libc" (instance $libc))))
              (func $sum {{parameters}}(result u32)
                (canon lift (core func $i "sum") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
              (export "sum" (func $sum)))
            """).Instantiate();
        var args = Enumerable.Range(1, 18).Select(i => WitValue.U32((uint)i)).ToArray();
        Assert.Equal(171u, instance.GetFunction("sum")!.Invoke(args)[0].AsU32());
    }

    [Fact]
    public void Bad_guest_pointers_trap_with_a_clear_message()
    {
        using var instance = Runtime.LoadText($$"""
            (component
              {{Wat.Libc}}
              (core module $m
                (import "libc" "memory" (memory 1))
                (func (export "bad") (result i32)
                  (i32.store (i32.const 16) (i32.const 65530))
                  (i32.store (i32.const 20) (i32.const 100))
                  (i32.const 16)))
              (core instance $i (instantiate $m (with "libc" (instance $libc))))
              (func $bad (result string) (canon lift (core func $i "bad") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
              (export "bad" (func $bad)))
            """).Instantiate();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("bad")!.Invoke());
        Assert.Contains("outside guest memory", trap.Message);
        Assert.True(instance.State.Poisoned);
    }

    [Fact]
    public void Reentering_an_instance_from_a_host_callback_traps()
    {
        ComponentInstance? instance = null;
        var component = Runtime.LoadText("""
            (component
              (import "callback" (func $cb))
              (core func $cb (canon lower (func $cb)))
              (core module $m
                (import "host" "cb" (func $cb))
                (func (export "run") (call $cb))
                (func (export "noop")))
              (core instance $i (instantiate $m (with "host" (instance (export "cb" (func $cb))))))
              (func $run (canon lift (core func $i "run")))
              (func $noop (canon lift (core func $i "noop")))
              (export "run" (func $run))
              (export "noop" (func $noop)))
            """);
        Exception? inner = null;
        instance = component.Instantiate(new HostImports().DefineFunction("callback", _ =>
        {
            inner = Record.Exception(() => instance!.GetFunction("noop")!.Invoke());
            return Array.Empty<WitValue>();
        }));
        instance.GetFunction("run")!.Invoke();
        var trap = Assert.IsType<ComponentTrapException>(inner);
        Assert.Contains("reentrance", trap.Message);
        instance.GetFunction("noop")!.Invoke();
        instance.Dispose();
    }

    [Fact]
    public void Host_exceptions_propagate_to_the_host_caller()
    {
        var component = Runtime.LoadText("""
            (component
              (import "fail" (func $fail))
              (core func $fail (canon lower (func $fail)))
              (core module $m (import "host" "fail" (func $fail)) (func (export "run") (call $fail)))
              (core instance $i (instantiate $m (with "host" (instance (export "fail" (func $fail))))))
              (func $run (canon lift (core func $i "run")))
              (export "run" (func $run)))
            """);
        using var instance = component.Instantiate(new HostImports().DefineFunction("fail", _ => throw new InvalidOperationException("host says no")));
        var e = Assert.Throws<InvalidOperationException>(() => instance.GetFunction("run")!.Invoke());
        Assert.Equal("host says no", e.Message);
    }

    [Fact]
    public void Nested_components_are_instantiated_and_linked()
    {
        using var instance = Runtime.LoadText("""
            (component
              (component $inner
                (import "base" (func $base (result u32)))
                (core func $base (canon lower (func $base)))
                (core module $m
                  (import "host" "base" (func $base (result i32)))
                  (func (export "twice") (result i32) (i32.mul (call $base) (i32.const 2))))
                (core instance $i (instantiate $m (with "host" (instance (export "base" (func $base))))))
                (func $twice (result u32) (canon lift (core func $i "twice")))
                (export "twice" (func $twice)))
              (component $base
                (core module $k (func (export "k") (result i32) (i32.const 21)))
                (core instance $k (instantiate $k))
                (func $k (result u32) (canon lift (core func $k "k")))
                (export "k" (func $k)))
              (instance $b (instantiate $base))
              (instance $a (instantiate $inner (with "base" (func $b "k"))))
              (alias export $a "twice" (func $twice))
              (export "twice" (func $twice)))
            """).Instantiate();
        Assert.Equal(42u, instance.GetFunction("twice")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void Compiled_modules_are_cached_on_disk()
    {
        var cache = Path.Combine(Path.GetTempPath(), "witbindgen-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            const string text = "(component (core module $m (func (export \"f\") (result i32) (i32.const 1))) (core instance $i (instantiate $m)) (func $f (result u32) (canon lift (core func $i \"f\"))) (export \"f\" (func $f)))";
            using (var first = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = cache }))
            {
                using var instance = first.LoadText(text).Instantiate();
                Assert.Equal(1u, instance.GetFunction("f")!.Invoke()[0].AsU32());
                Assert.Equal(1, first.CompiledModules);
            }

            using var second = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = cache });
            using var again = second.LoadText(text).Instantiate();
            Assert.Equal(1u, again.GetFunction("f")!.Invoke()[0].AsU32());
            Assert.Equal(0, second.CompiledModules);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
    [Fact]
    public void Runtimes_sharing_a_cache_folder_compile_concurrently_and_survive_its_removal()
    {
        var cache = Path.Combine(Path.GetTempPath(), "witbindgen-cache-" + Guid.NewGuid().ToString("N"));
        static string Text(int k) => $"(component (core module $m (func (export \"f\") (result i32) (i32.const {k}))) (core instance $i (instantiate $m)) (func $f (result u32) (canon lift (core func $i \"f\"))) (export \"f\" (func $f)))";
        try
        {
            // Four runtimes in one process compile the same modules at once and write the same cache entries.
            Parallel.For(0, 4, _ =>
            {
                using var runtime = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = cache });
                for (var k = 0; k < 8; k++)
                {
                    using var instance = runtime.LoadText(Text(k)).Instantiate();
                    Assert.Equal((uint)k, instance.GetFunction("f")!.Invoke()[0].AsU32());
                }
            });

            using (var warm = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = cache }))
            {
                for (var k = 0; k < 8; k++)
                {
                    warm.LoadText(Text(k));
                }

                Assert.Equal(0, warm.CompiledModules);
                Assert.Empty(Directory.GetFiles(cache, "*.tmp"));
            }

            // The folder goes away under a live runtime: loading still works, the cache is only skipped.
            using var orphan = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = cache });
            Directory.Delete(cache, recursive: true);
            using var late = orphan.LoadText(Text(9)).Instantiate();
            Assert.Equal(9u, late.GetFunction("f")!.Invoke()[0].AsU32());
            Assert.Equal(1, orphan.CompiledModules);
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }
}
