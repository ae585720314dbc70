using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// What loads and instantiations of one component binary share: the decoded and validated definition (with its
/// per-definition plans) across runtimes, the compiled modules across instantiations, and the on-disk cache across
/// processes; and what they must not share: each instantiation's imports, and the caller's buffer.
/// </summary>
public class LoadReuseTests
{
    private const string Component = """
        (component
          (import "f" (func $f (param "x" u32) (result u32)))
          (core func $f-core (canon lower (func $f)))
          (core module $m
            (import "host" "f" (func $f (param i32) (result i32)))
            (func (export "g") (param i32) (result i32) (call $f (local.get 0))))
          (core instance $i (instantiate $m (with "host" (instance (export "f" (func $f-core))))))
          (func $g (param "x" u32) (result u32) (canon lift (core func $i "g")))
          (export "g" (func $g)))
        """;

    private static HostImports Adding(uint amount) =>
        new HostImports().DefineFunction("f", a => [WitValue.U32(a[0].AsU32() + amount)]);

    private static uint CallG(ComponentInstance instance, uint x) => instance.GetFunction("g")!.Invoke(WitValue.U32(x))[0].AsU32();

    [Fact]
    public void Instantiations_sharing_one_plan_each_call_their_own_imports()
    {
        using var runtime = new ComponentRuntime();
        var loaded = runtime.LoadText(Component);
        using var a = loaded.Instantiate(Adding(10));
        using var b = loaded.Instantiate(Adding(20));

        Assert.Equal(11u, CallG(a, 1));
        Assert.Equal(21u, CallG(b, 1));
        Assert.Equal(12u, CallG(a, 2));
    }

    [Fact]
    public void A_second_runtime_loading_the_same_bytes_shares_the_validated_definition_and_keeps_its_own_imports()
    {
        var bytes = WatText.ToBinary(Component);
        using var first = new ComponentRuntime();
        using var second = new ComponentRuntime();
        var a = first.Load(bytes);
        var b = second.Load(bytes.ToArray());

        Assert.Same(a.Definition, b.Definition);
        Assert.Equal(1, first.CompiledModules);
        Assert.Equal(1, second.CompiledModules); // each engine compiles (or reads from its cache) its own modules
        using var x = a.Instantiate(Adding(1));
        using var y = b.Instantiate(Adding(2));
        Assert.Equal(6u, CallG(x, 5));
        Assert.Equal(7u, CallG(y, 5));
    }

    [Fact]
    public void A_buffer_reused_after_loading_changes_nothing_a_later_load_of_the_same_bytes_finds()
    {
        var original = WatText.ToBinary(Component);
        var buffer = original.ToArray();
        using var first = new ComponentRuntime();
        first.Load(buffer);
        Array.Clear(buffer); // the caller reuses its buffer

        using var second = new ComponentRuntime();
        using var instance = second.Load(original).Instantiate(Adding(3)); // compiles its modules from the definition
        Assert.Equal(7u, CallG(instance, 4));
    }

    [Fact]
    public void An_invalid_component_is_refused_on_every_load()
    {
        var bytes = WatText.ToBinary("""
            (component
              (core module $m (func (export "g") (result i64) (i64.const 1)))
              (core instance $i (instantiate $m))
              (func $g (result u32) (canon lift (core func $i "g")))
              (export "g" (func $g)))
            """);
        using var runtime = new ComponentRuntime();
        Assert.Throws<ComponentFormatException>(() => runtime.Load(bytes));
        Assert.Throws<ComponentFormatException>(() => runtime.Load(bytes));
        Assert.Throws<ComponentFormatException>(() => new ComponentRuntime().Load(bytes));
    }

    [Fact]
    public void A_fresh_runtime_reads_the_modules_from_the_disk_cache_and_instantiates()
    {
        var directory = Directory.CreateTempSubdirectory("witbindgen-loadreuse-").FullName;
        try
        {
            var bytes = WatText.ToBinary(Component);
            using (var filler = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = directory }))
            {
                filler.Load(bytes);
                Assert.Equal(1, filler.CompiledModules);
            }

            Assert.Single(Directory.GetFiles(directory, "*.cwasm"));
            for (var i = 0; i < 3; i++)
            {
                using var runtime = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = directory });
                using var instance = runtime.Load(bytes).Instantiate(Adding((uint)i));
                Assert.Equal(0, runtime.CompiledModules);
                Assert.Equal(100u + (uint)i, CallG(instance, 100));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
