using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>What ends with an instance: the host resources it still owns, and what a memory past 2 GiB can reach.</summary>
public class InstanceEndTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Keeper = """
        (component
          (import "host:res/files" (instance $files (export "file" (type $file (sub resource)))))
          (alias export $files "file" (type $file))
          (type $local (resource (rep i32)))
          (core func $new-local (canon resource.new $local))
          (core module $m
            (import "h" "new-local" (func $new-local (param i32) (result i32)))
            ;; keep: the handle stays in the guest's table; make-local: a resource the guest implements
            (func (export "keep") (param i32))
            (func (export "make-local") (drop (call $new-local (i32.const 9)))))
          (core instance $i (instantiate $m (with "h" (instance (export "new-local" (func $new-local))))))
          (func $keep (param "f" (own $file)) (canon lift (core func $i "keep")))
          (func $make-local (canon lift (core func $i "make-local")))
          (export "keep" (func $keep))
          (export "make-local" (func $make-local)))
        """;

    [Fact]
    public void Disposing_an_instance_drops_the_host_resources_it_owns_once_and_nothing_else()
    {
        var destroyed = new List<int>();
        var imports = new HostImports();
        var fileType = imports.DefineInstance("host:res/files").DefineResource("file", destroyed.Add);
        var instance = Runtime.LoadText(Keeper).Instantiate(imports);
        foreach (var rep in new[] { 3, 5, 8 })
        {
            instance.GetFunction("keep")!.Invoke(WitValue.Handle(new ResourceValue(fileType, rep)));
        }

        instance.GetFunction("make-local")!.Invoke();
        Assert.Equal(4, instance.State.Handles.Count);
        Assert.Empty(destroyed);

        instance.Dispose();
        Assert.Equal([3, 5, 8], destroyed.Order());
        instance.Dispose();
        Assert.Equal(3, destroyed.Count);
        Assert.Throws<ObjectDisposedException>(() => instance.GetFunction("make-local")!.Invoke());
    }

    [Fact]
    public void A_resource_defined_over_its_table_removes_and_disposes_the_objects_the_instance_still_owns()
    {
        var table = new WitBindgen.Runtime.CompilerServices.HostResourceTable<File>();
        var imports = new HostImports();
        var fileType = WitBindgen.Runtime.CompilerServices.ProvidedResources.DefineTableResource(imports.DefineInstance("host:res/files"), "file", table);
        var instance = Runtime.LoadText(Keeper).Instantiate(imports);
        var kept = new[] { new File(), new File() };
        var other = new File();
        foreach (var file in kept)
        {
            instance.GetFunction("keep")!.Invoke(WitValue.Handle(new ResourceValue(fileType, table.Add(file))));
        }

        var otherRep = table.Add(other);
        instance.Dispose();
        Assert.All(kept, f => Assert.True(f.Disposed));
        Assert.False(other.Disposed);
        Assert.Equal(1, table.Count);

        // The public destructor is the same table operation.
        fileType.Destructor!(otherRep);
        Assert.True(other.Disposed);
        Assert.Equal(0, table.Count);
    }

    private sealed class File : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void A_failing_host_destructor_does_not_keep_the_others_from_running()
    {
        var destroyed = new List<int>();
        var imports = new HostImports();
        var fileType = imports.DefineInstance("host:res/files").DefineResource("file", rep =>
        {
            destroyed.Add(rep);
            throw new InvalidOperationException("destructor broke");
        });
        var instance = Runtime.LoadText(Keeper).Instantiate(imports);
        instance.GetFunction("keep")!.Invoke(WitValue.Handle(new ResourceValue(fileType, 1)));
        instance.GetFunction("keep")!.Invoke(WitValue.Handle(new ResourceValue(fileType, 2)));
        instance.Dispose();
        Assert.Equal([1, 2], destroyed.Order());
    }

    [Fact]
    public void A_memory_past_2_GiB_is_reached_in_its_first_2_GiB_and_beyond_is_a_trap()
    {
        using var instance = Runtime.LoadText("""
            (component
              (core module $m
                (memory (export "memory") 1)
                (global $next (mut i32) (i32.const 1024))
                (func (export "grow") (result i32) (memory.grow (i32.const 32768)))
                (func (export "place") (param i32) (global.set $next (local.get 0)))
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) (global.get $next))
                (func (export "length") (param i32 i32) (result i32) (local.get 1)))
              (core instance $i (instantiate $m))
              (func $grow (result s32) (canon lift (core func $i "grow")))
              (func $place (param "at" u32) (canon lift (core func $i "place")))
              (func $length (param "s" string) (result u32)
                (canon lift (core func $i "length") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
              (export "grow" (func $grow))
              (export "place" (func $place))
              (export "length" (func $length)))
            """).Instantiate();
        Assert.Equal(1, instance.GetFunction("grow")!.Invoke()[0].AsS32());
        Assert.Equal(5u, instance.GetFunction("length")!.Invoke(WitValue.String("hello"))[0].AsU32());

        instance.GetFunction("place")!.Invoke(WitValue.U32(0x8000_0100));
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("length")!.Invoke(WitValue.String("hello")));
        Assert.Equal(ComponentTrapKind.ReallocOutOfBounds, trap.Kind);
        Assert.Contains("first 2 GiB", trap.Message);
    }
}
