using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests;

/// <summary><see cref="ComponentInstance.LinearMemoryBytes"/>: the guest's memories as they are now.</summary>
public class LinearMemoryBytesTests
{
    private const string Growing = """
        (component
          (core module $m
            (memory (export "memory") 2)
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
          (core module $n (memory (export "scratch") 1))
          (core instance $i (instantiate $m))
          (core instance $j (instantiate $n))
          (func (export "grow") (param "pages" u32) (result s32) (canon lift (core func $i "grow"))))
        """;

    [Fact]
    public void Counts_every_exported_memory_at_its_current_size()
    {
        using var runtime = new ComponentRuntime();
        var instance = runtime.LoadText(Growing).Instantiate();
        Assert.Equal(3 * 65536L, instance.LinearMemoryBytes);

        Assert.Equal(2, instance.GetFunction("grow")!.Invoke(WitValue.U32(3))[0].AsS32());
        Assert.Equal(6 * 65536L, instance.LinearMemoryBytes);

        instance.Dispose();
        Assert.Throws<ObjectDisposedException>(() => instance.LinearMemoryBytes);
    }
}
